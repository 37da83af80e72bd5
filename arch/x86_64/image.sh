# Shell functions shared by scripts/qemu and scripts/mkiso (sourced, never
# run): building the tree, finding programs, packing the boot archive and
# writing the kernel command line. The callers set $top (the source tree)
# and $build (the meson build directory).

# Configure and build quietly; show the log only when something fails.
native_build() {
	local log
	log=$(mktemp)
	if [ -f "$build/build.ninja" ]; then
		meson setup --reconfigure "$build" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
	else
		meson setup "$build" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
	fi
	meson compile -C "$build" >>"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
	rm -f "$log"
}

# Print the path of a program given as a path or as the name of one the
# build made (tests/programs/, arch/x86_64/tests/).
native_find() {
	local name=$1 d
	if [[ $name == */* ]] || [ -f "$name" ]; then
		[ -f "$name" ] || { echo "$(basename "$0"): no such file: $name" >&2; return 1; }
		printf '%s\n' "$name"
		return 0
	fi
	for d in tests/programs arch/x86_64/tests; do
		if [ -f "$build/$d/$name" ]; then
			printf '%s\n' "$build/$d/$name"
			return 0
		fi
	done
	echo "$(basename "$0"): no program '$name' in $build (give a path)" >&2
	return 1
}

# native_archive OUT FILE...: pack the files into a boot archive, each name
# once (the first file of a name wins).
native_archive() {
	local out=$1 f name
	local -A seen=()
	local files=()
	shift
	for f in "$@"; do
		name=$(basename "$f")
		[ -n "${seen[$name]:-}" ] && continue
		seen[$name]=1
		files+=("$f")
	done
	"$build/arch/x86_64/mkbootfs" -o "$out" "${files[@]}"
}

# native_cmdline OPTION... -- INIT ARG...: the kernel command line. Words
# are separated by spaces, so no argument may contain one.
native_cmdline() {
	local words=() w init
	while [ "$1" != "--" ]; do
		words+=("$1")
		shift
	done
	shift
	init=$(basename "$1")
	shift
	for w in "$@"; do
		if [[ $w == *[[:space:]]* || -z $w ]]; then
			echo "$(basename "$0"): init arguments cannot be empty or hold spaces: '$w'" >&2
			return 1
		fi
	done
	printf '%s\n' "${words[*]:+${words[*]} }init=$init${*:+ $*}"
}
