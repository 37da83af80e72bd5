# Text tools: grep, sort, uniq, head, tail, wc, od, seq, printf, cat.
mkdir scratch && cd scratch || exit 99
printf 'apple\nBanana\ncherry\napple pie\ndate\n' >fruit
grep apple fruit
grep -c apple fruit
grep -n an fruit
grep -i banana fruit
grep -v a fruit
grep '^a' fruit
grep 'e$' fruit
grep 'p\{2\}' fruit
grep -E 'ch|da' fruit
grep -E '^(apple|date)$' fruit
grep -E 'an+a' fruit
grep 'a.p' fruit
grep '[[:upper:]]' fruit
grep -e cherry -e date fruit
grep -l apple fruit fruit
grep -h apple fruit fruit
grep apple fruit fruit
grep -F 'a.p' fruit
echo "grep none: $(grep -c zzz fruit; echo $?)"
sort fruit
sort -r fruit
printf '10\n9\n100\n-1\n' | sort -n
printf 'b 2\na 3\nc 1\n' | sort -k 2n
printf 'x,3\ny,1\nz,2\n' | sort -t , -k 2
printf 'a\na\nb\nA\n' | sort -u
printf 'a\na\nb\nc\nc\nc\n' | uniq
printf 'a\na\nb\nc\nc\nc\n' | uniq -c
printf 'a\na\nb\nc\nc\nc\n' | uniq -d
printf 'a\na\nb\nc\nc\nc\n' | uniq -u
seq 12 | head -n 2
seq 12 | head -3
seq 12 | tail -n 2
seq 12 | tail -n +11
printf 'abcdef' | head -c 3; echo
printf 'abcdef' | tail -c 2; echo
wc fruit
wc -l fruit
wc -w fruit
wc -c fruit
wc fruit fruit
printf 'AB\001\n' | od -c
printf 'AB\001\n' | od -b
printf 'ABC' | od -x
printf 'ABCD' | od
seq 40 | od -A d -v | tail -n 1
printf '0123456789abcdef0123456789abcdef0123456789abcdef' | od -c
seq 3 7
seq 10 -3 1
seq -s ' ' 5
printf '%s=%d\n' a 1 b 2 c
printf '%5s|%-5s|%.2s\n' ab cd efgh
printf '%x %X %o %c %%\n' 255 255 8 Z
printf '%b|%s\n' 'tab\there' 'tab\there'
printf 'no newline'; echo
printf '%d %d\n' "'A" 0x10
printf '%05.1f\n' 3.14159
cat -u fruit fruit | wc -l
echo hello | cat - fruit | head -n 2
