# status: 3
# The shell ends with exit's status; nothing after it runs.
echo hello | wc -c
exit 3
echo not reached
