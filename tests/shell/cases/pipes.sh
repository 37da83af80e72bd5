# Pipelines of several tools.
mkdir scratch && cd scratch || exit 99
echo hello | wc -c
seq 10 | sort -rn | head -n 3
seq 20 | grep 1 | wc -l
printf 'b\na\nc\na\nb\na\n' | sort | uniq -c | sort -rn
printf 'one\ntwo\nthree\n' | tee copy.txt | tail -n 1
cat copy.txt | wc -l
seq 5 | head -n 4 | tail -n 2 | od -c
printf 'x y z\n' | cat | cat | cat | wc -w
echo abc | grep -q b && echo found | cat
seq 3 | while read n; do echo "got $n"; done
false | true; echo "status $?"
true | false; echo "status $?"
! echo hidden | grep -q shown && echo "negated pipeline"
seq 1000 | grep -v 5 | sort -n | tail -n 1
echo "$(seq 3 | grep -v 1)" | wc -l
printf 'k2 b\nk1 a\nk3 c\n' | sort -k 2 -r | head -n 1
