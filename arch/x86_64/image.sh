# Shell functions shared by scripts/qemu, scripts/mkiso and
# scripts/libvirt-boot (sourced, never run): building the tree, finding
# programs, the system image, packing the boot archive and writing the
# kernel command line. The callers set $top (the source tree)
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

# native_image_files: the system image — every program of the build's
# tests/daemons/image.list ("NAME PATH" lines), in its order — as
# PATH=NAME words for native_archive, one per line. Fails when there is no
# list or a program was not built.
native_image_files() {
	local list=$build/tests/daemons/image.list name path
	[ -f "$list" ] || { echo "$(basename "$0"): no $list: the build has no system image" >&2; return 1; }
	while read -r name path; do
		[ -n "$name" ] || continue
		[ -f "$path" ] || { echo "$(basename "$0"): $path (for $name) was not built" >&2; return 1; }
		printf '%s=%s\n' "$path" "$name"
	done <"$list"
}

# native_select MODULE... -- [INIT ARG...]: what to boot. Sets `files`
# (the archive's contents: the modules, then INIT or the system image) and
# `init_args` (init's path or name and its arguments, for native_cmdline).
# Without INIT it is the system image, whose init starts every service and
# then the shell, as scripts/run does in the sim.
native_select() {
	local mods=() m f image
	while [ "$1" != -- ]; do
		mods+=("$1")
		shift
	done
	shift
	files=()
	for m in "${mods[@]}"; do
		f=$(native_find "$m") || return 1
		files+=("$f")
	done
	if [ "$#" -eq 0 ]; then
		image=$(native_image_files) || return 1
		mapfile -t -O "${#files[@]}" files <<<"$image"
		init_args=(init)
	else
		f=$(native_find "$1") || return 1
		files+=("$f")
		init_args=("$f" "${@:2}")
	fi
}

# native_archive OUT FILE[=NAME]...: pack the files into a boot archive,
# each under NAME or its own basename, each name once (the first file of a
# name wins).
native_archive() {
	local out=$1 f name
	local -A seen=()
	local files=()
	shift
	for f in "$@"; do
		if [[ $f == *=* ]]; then
			name=${f##*=}
		else
			name=$(basename "$f")
		fi
		[ -n "${seen[$name]:-}" ] && continue
		seen[$name]=1
		files+=("$f")
	done
	"$build/tools/mkbootfs" -o "$out" "${files[@]}"
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
