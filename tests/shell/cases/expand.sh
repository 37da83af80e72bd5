# Parameter, arithmetic and command expansion, globbing, tilde.
mkdir scratch && cd scratch || exit 99
unset U
E=
S=set
echo "${U:-default} ${E:-empty-default} ${S:-unused}"
echo "${U-unset-only} [${E-unused}]"
echo "${S:+alt} [${U:+alt}]"
echo "${N:=assigned} $N"
echo "${#S} ${#U}"
F=path/to/file.tar.gz
echo "${F%.*} ${F%%.*} ${F#*/} ${F##*/}"
echo $((1 + 2 * 3)) $(((1 + 2) * 3)) $((7 / 2)) $((7 % 3)) $((-5 + 2))
i=5
echo $((i * i)) $((i > 3 && i < 10)) $((i == 5 ? 100 : 200)) $((1 << 4))
echo "$(echo cmd) and $(echo "quoted $(echo inner)")"
x=$(printf 'trailing\n\n\n')
echo "[$x]"
touch a.c b.c c.h .hidden
echo *.c
echo *.[ch]
echo ?.h
echo "*.c" '*.c' \*.c
echo *.none
echo .h*
mkdir sub; touch sub/x.c
echo */*.c
HOME=/home/test
echo ~ ~/dir "~"
echo $((10 / 0))
echo "after error: $?"
