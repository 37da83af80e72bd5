# status: 2
# A syntax error ends a script with status 2, after the lines before it ran.
echo before
if true; then
	echo inside
fi
echo still fine
done
echo never printed
