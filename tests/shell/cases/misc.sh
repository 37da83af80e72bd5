# env, date, uname, ps, kill, sleep, pwd, cd, read, set, eval, shift.
mkdir scratch && cd scratch || exit 99
env -i A=1 B=two
date -u -r 0 '+%a %b %e %H:%M:%S %Y'
date -u -r 86400 '+%Y-%m-%d %H:%M:%S %A'
uname >uname.txt && echo "uname ok"
uname -s -m | wc -w
kill -l 9
kill -l 143
kill -l | grep -c TERM
sleep 0.05 && echo slept
printf '1 2 init 1 4096 init\n2 1 running 2 8192 sh -i\n' >proc.txt
ps -F proc.txt
mkdir dir
cd dir && pwd | grep -c '/dir$'
cd ..
cd - | grep -c '/dir$'
cd ..
echo "a b c" | { read x y; echo "x=$x y=$y"; }
set -- p q r
shift
echo "$# $1 $2"
shift 2
echo "$#"
eval 'v=evaluated; echo $v'
cmd='echo built'
eval "$cmd command"
set -x
echo traced
set +x
f() { local_var=$1; }
f value; echo "$local_var"
unset local_var; echo "[${local_var-unset}]"
