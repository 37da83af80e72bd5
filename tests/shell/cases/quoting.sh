# Quotes, backslashes, field splitting and "$@".
mkdir scratch && cd scratch || exit 99
echo 'single $X "quoted"'
X=value
echo "double $X 'inner'"
echo \$X \\ \"q\" a\ b
echo "a\"b" 'it'\''s' "\$X" "tab	in"
echo "multiple   spaces" kept
V="a   b    c"
echo $V
echo "$V"
for w in $V; do echo "word:$w"; done
E=
for w in $E "" "$E"; do echo "field:[$w]"; done
IFS=:
P="x:y::z"
for w in $P; do echo "colon:[$w]"; done
IFS=' 	
'
set -- "one two" three
echo "count $#"
for a in "$@"; do echo "arg:$a"; done
for a in $@; do echo "split:$a"; done
echo "star:$*"
set --
for a in "$@"; do echo "never"; done
echo "empty count $#"
echo "$(echo nested "$(echo deeper)")"
echo `echo backquoted`
echo "line
break"
echo a\
b
