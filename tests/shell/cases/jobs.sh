# Background jobs, $!, wait; kill of a job by a sibling, and of oneself.
mkdir scratch && cd scratch || exit 99
sleep 0.2 &
pid=$!
[ -n "$pid" ] && echo "have pid"
wait $pid
echo "waited: $?"
(exit 5) &
wait $!
echo "job status: $?"
echo a >bg1.txt &
echo b >bg2.txt &
wait
cat bg1.txt bg2.txt
sleep 30 &
kill $!
wait $!
echo "killed: $?"
sleep 30 &
kill -9 $!
wait $!
echo "killed -9: $?"
sleep 30 &
(kill $!)
wait $!
echo "killed by a sibling: $?"
sh -c 'kill -INT $$'
echo "interrupted itself: $?"
{ sleep 0.1; echo late; } &
echo early
wait
