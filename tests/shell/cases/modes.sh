# How the shell is started: -c with $0 and arguments, a script file with
# arguments, commands on standard input shared with the commands it runs.
mkdir scratch && cd scratch || exit 99
sh -c 'echo "$0 $1 $2 $#"' name a b
sh -c 'exit 7'
echo "sh -c status $?"
printf 'echo "script args $# $1 $2"\nexit 4\n' >script.sh
sh script.sh x y
echo "script status $?"
printf 'read x\nfirst line\necho "x=$x"\n' | sh
printf 'echo one\ncat\nread by cat\n' | sh
printf 'if true\nthen\n  echo multi-line\nfi\nfor i in 1 2; do\n  echo "i=$i"\ndone\n' | sh
printf 'echo "unterminated\n' | sh
echo "unterminated status $?"
printf 'echo a; echo b &&\necho c\n' | sh
sh -x -c 'echo traced'
sh -f -c 'echo *'
