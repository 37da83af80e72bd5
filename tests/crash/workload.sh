# The shell workload of crash campaigns (scripts/crash-campaign --workload
# shell): tools exec'd from initfs:, files written to file: and read back
# later, reads of zero:, null: and pattern:. Each check prints "ok NAME" or
# "BAD NAME: ..."; the campaign compares these lines with a run without
# injections, and the script's status is 1 if any check failed.
bad=0
check() {
	if [ "$2" = "$3" ]; then
		echo "ok $1"
	else
		echo "BAD $1: got '$2', want '$3'"
		bad=1
	fi
}
mkdir -p /tmp/crash
for n in 1 2 3; do
	seq 1 $((n * 500)) >/tmp/crash/seq$n
done
check zero "$(head -c 3000 zero: | wc -c)" 3000
check null "$(head -c 100 null: | wc -c)" 0
check pattern "$(head -c 70000 pattern: | wc -c)" 70000
check sort "$(sort -rn /tmp/crash/seq2 | head -n 1)" 1000
cp /tmp/crash/seq3 /tmp/crash/copy
check grep "$(grep -c 7 /tmp/crash/copy)" 366
check initfs "$(ls initfs:/ | grep -c workload)" 1
for n in 1 2 3; do
	check "seq$n lines" "$(wc -l </tmp/crash/seq$n)" $((n * 500))
	check "seq$n last" "$(tail -n 1 /tmp/crash/seq$n)" $((n * 500))
done
exit $bad
