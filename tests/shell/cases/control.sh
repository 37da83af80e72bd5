# if/elif/else, while, until, for, case, break/continue, functions.
mkdir scratch && cd scratch || exit 99
for n in 1 2 3; do
	if [ $n -eq 1 ]; then
		echo one
	elif [ $n = 2 ]; then
		echo two
	else
		echo other $n
	fi
done
i=0
while [ $i -lt 3 ]; do echo "while $i"; i=$((i + 1)); done
until [ $i -eq 0 ]; do i=$((i - 1)); echo "until $i"; done
for x in a b c d e; do
	[ $x = b ] && continue
	[ $x = d ] && break
	echo "loop $x"
done
for outer in 1 2; do
	for inner in x y; do
		[ $inner = y ] && continue 2
		echo "nest $outer$inner"
	done
done
for f in apple banana cherry 42; do
	case $f in
	a*) echo "$f starts with a" ;;
	*an*) echo "$f has an" ;;
	[0-9]*) echo "$f is a number" ;;
	*) echo "$f is something else" ;;
	esac
done
case x in y | x) echo "alternatives" ;; esac
greet() {
	echo "hello $1 ($#)"
	return 3
}
greet world extra
echo "greet returned $?"
count() { n=0; for a in "$@"; do n=$((n + 1)); done; echo $n; }
count a "b c" d
echo "positional restored: $#"
if false; then echo no; fi
echo "if status $?"
{ echo grouped; echo commands; } | wc -l
(cd / && pwd)
x=outer; (x=inner; echo "sub $x"); echo "main $x"
while true; do if true; then break; fi; done; echo "broke out"
