# Simple commands, variables, $?, comments, ; && ||.
mkdir scratch && cd scratch || exit 99
echo hello world
echo one; echo two
X=1
echo "X is $X" ${X} $X$X
Y=abc Z=def
echo $Y-$Z
true; echo "true: $?"
false; echo "false: $?"
true && echo and-yes
false && echo and-no
false || echo or-yes
true || echo or-no
false || false || echo chain
! false && echo negated
echo $NOTSET"" end   # an unset variable is empty
echo comment # not printed
pwd >pwd.txt && echo pwd-ok
export E1=exported
sh -c 'echo child sees $E1'
LOCAL=only-here sh -c 'echo child sees $LOCAL'
echo "after: [$LOCAL]"
echo -n no-newline; echo
echo "$$" | grep -q '^[0-9][0-9]*$' && echo pid-ok
exit 0
