# Here-documents: <<, <<- and a quoted delimiter.
mkdir scratch && cd scratch || exit 99
x=world
cat <<EOF
hello $x
  $(echo substituted) \$notvar `echo backquoted` $((6 * 7))
"quotes" and 'quotes' stay
EOF
cat <<"EOF"
literal $x $(echo no) \$
EOF
cat <<'EOF'
also literal $x
EOF
	cat <<-EOF
	leading tabs stripped for $x
		all of them
	EOF
read a b <<EOF
one two three
EOF
echo "read: $a / $b"
while read line; do echo "[$line]"; done <<EOF
line 1
line 2
EOF
cat <<A; cat <<B
first
A
second
B
cat <<EOF >out.txt
into a file
EOF
cat out.txt
big=$(seq 2000)
cat <<EOF | tail -n 1
$big
EOF
f() {
	cat <<EOF
in a function: $1
EOF
}
f arg
cat <<EOF
EOF
echo "empty body: $?"
grep b <<EOF | wc -l
abc
xyz
bcd
EOF
