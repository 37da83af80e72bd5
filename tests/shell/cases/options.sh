# set -e (and where it does not apply), set -f, command and command -v.
mkdir scratch && cd scratch || exit 99
sh -e -c 'echo one; false; echo never'
echo "sh -e status $?"
sh -c 'set -e
if false; then echo no; fi
false || echo "left of || is a condition"
false && echo no
! true
while false; do :; done
f() { return 3; }
f || echo "function status $?"
(exit 4) || echo "subshell status $?"
echo "still running"
false
echo never'
echo "set -e status $?"
sh -c 'set -e; true && false; echo never'
echo "last of && status $?"
sh -c 'set -e; set +e; false; echo "set +e turns it off"'
touch a.txt b.txt
set -f
echo *.txt
set +f
echo *.txt
command -v echo cd
command -v ls >where.txt && echo "ls found"
command -v no-such-program
echo "command -v status $?"
echo() { printf 'function echo\n'; }
echo x
command echo "command skips functions"
unset -f echo
echo "unset -f: back to the builtin"
command ls a.txt
