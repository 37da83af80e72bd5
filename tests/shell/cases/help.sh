# Every tool answers --help with its usage, status 0.
for t in cat cp date echo env false grep head kill ls mkdir mv od printf ps pwd \
	rm rmdir seq sleep sort tail tee test touch true uname uniq wc sh; do
	out=$($t --help)
	status=$?
	case $out in
	usage:*) echo "$t: usage ok, status $status" ;;
	*) echo "$t: no usage ($out), status $status" ;;
	esac
done
[ --help ] && echo "[ --help alone is a non-empty string"
echo --help
