# The supervision test (tests/daemons/meson.build, svc.expected): run by
# init's sh with the test services of this directory booted beside the
# system's, and the build's tests/daemons/ mounted as host: (for reload). It waits for events by re-reading svc list (no timing is
# asserted; the test's own timeout bounds the waits).

# The "NAME gen G restarts R STATE" of one service.
show() {
	svc list | while read -r name pid gen restarts state up; do
		[ "$name" = "$1" ] && echo "$name gen $gen restarts $restarts $state"
	done
}

# Wait until NAME is at generation GEN in STATE.
wait_for() {
	i=0
	while [ "$(show "$1")" != "$1 gen $2 restarts $3 $4" ]; do
		i=$((i + 1))
		if [ "$i" -gt 600 ]; then
			echo "gave up waiting for: $1 gen $2 restarts $3 $4"
			show "$1"
			svc log "$1"
			return 1
		fi
		sleep 0.05
	done
	show "$1"
}

echo "== a crash loop is stopped after its budget"
wait_for crashy 4 3 failed
svc log crashy | grep -c "exited with status 1; restarting"
echo "the rest runs: $(cat ver:)"

echo "== boot: the services refused grants ran as far as they could"
show gopen
show gserve

echo "== a fault: generation 2 serves"
echo fault >victim: 2>null:
wait_for victim 2 1 running
cat victim:
svc log victim | grep -c "died of a page fault at 0x10 "

echo "== busy but healthy: 3000 requests in a row, no restart"
i=0
while [ "$i" -lt 3000 ] && read -r line <victim:; do
	i=$((i + 1))
done
echo "$i: $line"
show victim

echo "== a hang: no heartbeat, killed, generation 3 serves"
echo hang >victim:
wait_for victim 3 2 running
svc log victim | grep -c "no heartbeat for 500 ms; killing it"
cat victim:

echo "== standby: the spare takes over, and a new spare waits"
wait_for spare 1 0 running
sleep 0.2 # a spare starts 50 ms after the instance it backs up is ready
spare_of() {
	svc list | while read -r name pid gen restarts state up spare; do
		[ "$name" = "$1" ] && echo "$spare"
	done
}
first=$(spare_of spare)
[ "$first" -gt 0 ] && echo "a spare waits"
echo fault >spare: 2>null:
wait_for spare 2 1 running
cat spare:
sleep 0.2
svc list | while read -r name pid gen restarts state up spare; do
	[ "$name" = spare ] && [ "$pid" = "$first" ] && echo "the spare took over"
	[ "$name" = spare ] && [ "$spare" -gt "$first" ] && echo "a new spare waits"
done

echo "== stop, start, restart"
svc stop ver && show ver
cat ver: 2>null: || echo "ver: is gone"
svc stop ver || echo "status $?"
svc start ver && show ver
svc restart ver && show ver
cat ver:
svc log ver | grep -c "was killed; stopped"
svc start nosuch || echo "status $?"
svc frobnicate ver 2>null: || echo "status $?"

echo "== reload"
svc reload ver initfs:/tsvc2 && show ver
cat ver:
svc reload ver initfs:/nosuch || echo "status $?"
svc reload ver initfs:/hello || echo "status $?"
show ver
cat ver:
cp initfs:/tsvc /tmp/tsvc1
svc reload ver /tmp/tsvc1 && cat ver:
svc reload ver && show ver
svc reload ver host:/tsvc2 && cat ver:
show ver
echo done
