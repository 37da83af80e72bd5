# Redirections: > >> < 2> 2>&1 n>&m >&- and on compound commands.
mkdir scratch && cd scratch || exit 99
echo first >out.txt
echo second >>out.txt
cat <out.txt
cat out.txt nonexistent 2>err.txt
echo "status $?"
cat err.txt
ls nonexistent >all.txt 2>&1
cat all.txt
echo to-stderr 1>&2 2>discard.txt
{ echo in-group; echo err-group >&2; } >group.txt 2>&1
cat group.txt
for i in 1 2 3; do echo $i; done >loop.txt
wc -l <loop.txt
if true; then echo from-if; fi >if.txt; cat if.txt
echo saved 3>fd3.txt >&3
cat fd3.txt
exec 4>exec.txt
echo via-fd4 >&4
exec 4>&-
cat exec.txt
echo closed >&4
echo "status $?"
read line <out.txt; echo "read: $line"
printf 'a 1\nb 2 3\n' >pairs.txt
while read a b; do echo "[$a|$b]"; done <pairs.txt
cat </nonexistent
echo "status $?"
echo x >/nonexistent-dir/file
echo "status $?"
