# status: 1
# At the end of input the shell exits with the last command's status.
echo last
false
