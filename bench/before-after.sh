#!/usr/bin/env bash
# Two Release builds compared in one run on import-bench.sh and rescore-bench.sh, turn about, so
# that both meet the same load on a shared machine (issue 12: "before and after, in one run: not
# slower").
#
#   bench/before-after.sh BEFORE_BUILD AFTER_BUILD WORK_DIR [RESCORE_MILLIONS...]   (default: 1)
#
# Each BUILD is a Release build directory with skillscore, skillscore-gen and
# skillscore-import-bench built (of any commit: the scripts of this checkout drive both). ROUNDS
# times (default 3), before then after: `import-bench.sh 1000000` with one batch (an import of
# about 1M marks into an empty database), then `rescore-bench.sh` with one run per size (each
# build on a database its own import driver made, kept in WORK_DIR between rounds). Prints every
# run as it ends, then the best of the rounds per build: wall and processor (user + system)
# seconds and peak resident memory, each the least of the rounds. IMPORT=0 leaves the import out
# (a second run for larger rescore sizes).
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 BEFORE_BUILD AFTER_BUILD WORK_DIR [RESCORE_MILLIONS...]" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
declare -A build=([before]=$(realpath "$1") [after]=$(realpath "$2"))
work=$(realpath -m "$3")
shift 3
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1)
rounds=${ROUNDS:-3}
mkdir -p "$work"
results=$work/runs.txt
: >"$results"

# One import-bench row: "wall cpu peak_mb" of skillscore's import (columns 4, 7 and 10).
import_run() {
  BUILD_DIR=${build[$1]} BATCHES=1 WORK_DIR=$work/import-$1 bench/import-bench.sh 1000000 |
    awk '$1 ~ /^[0-9]+$/ && $2 == 1 { print $4, $7, $10 }'
}

# One rescore-bench row: "wall cpu peak_mb" of `rescore --all` (the "rescore" and peak columns).
rescore_run() {
  RUNS=1 bench/rescore-bench.sh "${build[$1]}" "$work/rescore-$1" "$2" 2>/dev/null |
    awk -v size="$2M" '$1 == size && $3 == "|" { split($6, t, "/"); print t[1], t[2], $NF }'
}

for ((round = 1; round <= rounds; round++)); do
  for which in before after; do
    if [[ ${IMPORT:-1} != 0 ]]; then
      read -r wall cpu mb < <(import_run "$which")
      echo "import 1M $which round $round: $wall s wall, $cpu s cpu, $mb MB" | tee -a "$results"
    fi
    for millions in "${sizes[@]}"; do
      read -r wall cpu mb < <(rescore_run "$which" "$millions")
      echo "rescore ${millions}M $which round $round: $wall s wall, $cpu s cpu, $mb MB" |
        tee -a "$results"
    done
  done
done

# The best of the rounds of each benchmark and build, column by column.
echo
printf '%-12s %-7s %8s %8s %8s\n' benchmark build "wall s" "cpu s" "peak MB"
awk 'function least(key, i, value) { if (!((key, i) in low) || value + 0 < low[key, i] + 0) low[key, i] = value }
     { key = $1 " " $2 "\t" $3; keys[key]; least(key, 1, $6); least(key, 2, $9); least(key, 3, $12) }
     END { for (key in keys) { split(key, k, "\t")
             printf "%-12s %-7s %8s %8s %8s\n", k[1], k[2], low[key, 1], low[key, 2], low[key, 3] } }' \
  "$results" | sort
