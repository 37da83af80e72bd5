# Files and directories: mkdir, touch, ls, cp, mv, rm, rmdir, test.
mkdir scratch && cd scratch || exit 99
mkdir -p a/b/c
touch a/b/c/file a/top
ls a
ls a/b/c
ls -a a/b
ls a a/b
echo data >a/top
[ -f a/top ] && echo "a/top is a file"
[ -d a/b ] && echo "a/b is a directory"
[ -s a/top ] && echo "a/top is not empty"
[ -s a/b/c/file ] || echo "a/b/c/file is empty"
[ -e a/none ] || echo "a/none does not exist"
[ -r a/top -a -w a/top ] && echo "readable and writable"
cp a/top copy
cat copy
cp -r a tree
ls tree tree/b/c
cp -r a tree
ls tree
mv copy moved
ls
mv moved a
ls a
mkdir m1 m2
mv m1 m2
ls m2
rmdir m2/m1 m2
rm -r a
ls
rm -r tree
rm -rf tree nothing
ls
mkdir -p x/y && rmdir -p x/y && ls
touch t1 && ls -l t1 | grep -c '^-rw'
ls -d .
ls -1F
mkdir q && touch q/1 q/2 && cp q/1 q/2 . && ls
cp q q2
ls -l q | wc -l
