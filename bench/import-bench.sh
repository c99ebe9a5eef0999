#!/usr/bin/env bash
# Marks import benchmark (issue #3): `skillscore marks import`, which checks every mark (value,
# registered candidate and judge, conflict of interest) before it writes, against the SQLite
# shell importing the same CSV into a plain table (`sqlite3 db ".import --csv marks.csv marks"`).
#
#   bench/import-bench.sh [MARKS...]      default: 1000000 10000000
#
# For each size, skillscore-gen writes BATCHES exams of about MARKS marks each (deterministic from
# SEED). Both programs then import the exams one after another into one database each: the first
# batch measures an import into an empty database, the later ones whether throughput holds as the
# database grows. Prints one table row per batch; bench/README.md explains the columns.
#
# Environment: BUILD_DIR (default build/release; configured as a Release build when missing),
# SEED (default 1), BATCHES (default 3), WORK_DIR (default a new temporary directory, removed at
# the end unless KEEP=1).
set -euo pipefail

cd "$(dirname "$0")/.."
readonly build_dir="${BUILD_DIR:-build/release}"
readonly seed="${SEED:-1}"
readonly batches="${BATCHES:-3}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)

# shellcheck source=bench/common.sh
source bench/common.sh
need_package 'command -v sqlite3' sqlite3
need_package 'test -x /usr/bin/time' time
make_work_dir
build_release "$build_dir" skillscore skillscore-gen
skillscore="$(realpath "$build_dir/cli/skillscore")"
generate="$(realpath "$build_dir/bench/skillscore-gen")"
readonly skillscore generate

# Runs a command under /usr/bin/time; sets `timing` to "elapsed user system peak_kb".
timed() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null
  timing="$(tail -n 1 "$work/time.txt")"
}

# Total size of a database with its journal files, in MB.
db_mb() { du -cb "$1"* | awk 'END { printf "%.0f", $1 / 1e6 }'; }

# Marks per candidate of the seed's rubric (one per measurement, three per judgement aspect).
"$generate" --candidates 1 --seed "$seed" --out "$work/probe"
per_candidate=$(($(wc -l <"$work/probe/BENCH-01/marks.csv") - 1))
readonly per_candidate

printf '%-9s %5s %9s %12s %6s %11s %14s %9s %9s %7s %6s %10s\n' marks batch "sqlite3 s" \
  "skillscore s" ratio "sqlite3 cpu" "skillscore cpu" "cpu ratio" marks/s "peak MB" "db MB" \
  "sqlite3 MB"
for size in "${sizes[@]}"; do
  data="$work/data-$size"
  "$generate" --candidates $(((size + per_candidate / 2) / per_candidate)) --exams "$batches" \
    --seed "$seed" --out "$data"
  db="$work/skillscore-$size.db"
  shell_db="$work/shell-$size.db"
  rm -f "$db"* "$shell_db"*
  "$skillscore" --db "$db" --as J01 rubric import "$data/rubric.yaml" >/dev/null
  rubric_code="$(sed -n 's/^code: "\(.*\)"$/\1/p' "$data/rubric.yaml")"
  for ((batch = 1; batch <= batches; ++batch)); do
    exam="$(printf 'BENCH-%02d' "$batch")"
    marks_csv="$data/$exam/marks.csv"
    marks=$(($(wc -l <"$marks_csv") - 1))

    cat "$marks_csv" >/dev/null # both programs read it from the page cache

    # The shell creates the table from the header; later batches skip the header row.
    skip=""
    ((batch == 1)) || skip="--skip 1"
    timed sqlite3 "$shell_db" ".import --csv $skip \"$marks_csv\" marks"
    read -r shell_s shell_user shell_sys _ <<<"$timing"

    "$skillscore" --db "$db" --as J01 exam create "$exam" --rubric "$rubric_code" >/dev/null
    "$skillscore" --db "$db" --as J01 candidates import "$exam" "$data/$exam/candidates.csv" >/dev/null
    "$skillscore" --db "$db" --as J01 judges import "$exam" "$data/$exam/judges.csv" >/dev/null
    timed "$skillscore" --db "$db" --as J01 marks import "$exam" "$marks_csv"
    read -r ours_s ours_user ours_sys ours_kb <<<"$timing"

    awk -v marks="$marks" -v batch="$batch" -v db="$(db_mb "$db")" \
      -v shell_db="$(db_mb "$shell_db")" -v shell="$shell_s $shell_user $shell_sys" \
      -v ours="$ours_s $ours_user $ours_sys $ours_kb" 'BEGIN {
        split(shell, s, " "); split(ours, o, " ")
        printf "%-9d %5d %9.2f %12.2f %6.2f %11.2f %14.2f %9.2f %9.0f %7.0f %6s %10s\n",
          marks, batch, s[1], o[1], s[1] / o[1], s[2] + s[3], o[2] + o[3],
          (s[2] + s[3]) / (o[2] + o[3]), marks / o[1], o[4] / 1024, db, shell_db }'
  done
done
