# Fed to the sim's shell by run-hostfs, with DIR mounted as host:.
host:/prog one two
echo "status $?"
cat host:/file
cat host:/sub/deep
cat host:/inside
ls host:/sub
ls host:/
test -d host:/sub && echo "sub is a directory"
test -f host:/file && echo "file is a file"
wc -c host:/big
cp host:/big /tmp/big && wc -c /tmp/big
PATH=host:/sub:$PATH tool via-path
echo "status $?"
host:/sneak
echo "status $?"
cat host:/../etc/passwd
cat host:/links/escape
cat host:/links/escape-rel
echo x > host:/new
echo x >> host:/file
mkdir host:/d
rm host:/file
mv host:/file host:/moved
cat host:/file
exit 5
