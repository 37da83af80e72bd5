# Errors: missing files, bad options, unknown commands, bad arguments.
mkdir scratch && cd scratch || exit 99
nosuchcommand
echo "status $?"
./nosuchfile
echo "status $?"
cat missing.txt
echo "cat $?"
ls missing-dir
echo "ls $?"
wc missing.txt
echo "wc $?"
head missing.txt
echo "head $?"
grep x missing.txt
echo "grep $?"
rm missing.txt
echo "rm $?"
rm -f missing.txt
echo "rm -f $?"
rmdir missing-dir
echo "rmdir $?"
cp missing.txt x
echo "cp $?"
mv missing.txt x
echo "mv $?"
sort missing.txt
echo "sort $?"
od missing.txt
echo "od $?"
ls -Q
echo "ls -Q $?"
cat -z
echo "cat -z $?"
head -n
echo "head -n $?"
head -n abc
echo "head -n abc $?"
mkdir
echo "mkdir $?"
kill -s NOSIG 1
echo "kill $?"
sleep
echo "sleep $?"
seq
echo "seq $?"
grep -E 'a(' x
echo "grep bad pattern $?"
test 1 -eq
echo "test $?"
[ 1 = 1
echo "[ $?"
cd /nonexistent
echo "cd $?"
touch dir-file; mkdir dir-file
echo "mkdir exists $?"
mkdir d; rm d
echo "rm dir $?"
cp d e
echo "cp dir $?"
cp onlyone
echo "cp one operand $?"
mv
echo "mv no operand $?"
: >f1; : >f2
cp f1 f2 f3
echo "cp into a file $?"
mv f1 f2 f3
echo "mv into a file $?"
printf '%d\n' notanumber
echo "printf $?"
date 0101
echo "date $?"
env nosuchprogram
echo "env $?"
sh -c 'if then'
echo "sh -c syntax $?"
eval 'echo ok; )'
echo "eval $?"
sh nosuchscript.sh
echo "sh script $?"
sh -q
echo "sh -q $?"
