# Shared by the benchmark scripts (sourced, from the repository's root): the packages they need,
# their work directory and the Release build of the programs they time.

# need_package CHECK PACKAGE: installs the Debian PACKAGE unless the shell command CHECK succeeds.
need_package() {
  eval "$1" >/dev/null 2>&1 && return
  echo "installing $2" >&2
  apt-get install -y -qq "$2" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2"; }
}

# Sets `work` to WORK_DIR (kept) or to a new temporary directory, removed at exit unless KEEP=1.
make_work_dir() {
  work="${WORK_DIR:-$(mktemp -d)}"
  mkdir -p "$work"
  work="$(realpath "$work")"
  readonly work
  [[ "${KEEP:-0}" == 1 || -n "${WORK_DIR:-}" ]] || trap 'rm -rf "$work"' EXIT
}

# build_release BUILD_DIR TARGET...: a Release build of the targets (configured when missing),
# its output in $work/build.log and shown only when it fails.
build_release() {
  local dir=$1
  shift
  {
    if [[ ! -f "$dir/CMakeCache.txt" ]]; then
      cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSKILLSCORE_BUILD_TESTS=OFF
    fi
    cmake --build "$dir" --target "$@"
  } >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
}
