#!/usr/bin/env bash
# Speed of the everyday commands (issue #12, point 7): `score` (from files), and `results`,
# `status` and `report judges` (from the database), against a pandas script that only sums the
# candidates' totals (bench/pandas_totals.py), all on the same exam in the same run.
#
#   bench/everyday-bench.sh
#
# The exam comes from skillscore-gen: 5,600 candidates, 80 aspects (2 modules, 60 % judgement),
# panels of three judges, about a million marks (985,600 with seed 1). It is imported into a
# database once (not timed); then each program runs RUNS times (default 3) with the files in the
# page cache, and the table gives per program the best wall and processor (user + system) seconds,
# the largest peak resident memory, and the pandas script's wall time divided by the program's.
# The goal: every command at least 5 times as fast as the pandas script, and under 100 MB.
#
# Environment: BUILD_DIR (default build/release; configured as a Release build when missing),
# RUNS (default 3), SEED (default 1), WORK_DIR (default a new temporary directory, removed at the
# end unless KEEP=1), BEFORE (a directory holding cli/skillscore of an earlier build, used as it
# is: its four commands run beside the others in the same runs, as NAME@before). Installs
# python3-pandas, sqlite3 and time when they are missing.
#
# On a machine shared with other work, elapsed times say little: the goal is judged on processor
# time (user + system), and the load average is printed with the table.
set -euo pipefail

cd "$(dirname "$0")/.."
readonly build_dir="${BUILD_DIR:-build/release}"
readonly runs="${RUNS:-3}"
readonly seed="${SEED:-1}"

# shellcheck source=bench/common.sh
source bench/common.sh
need_package '/usr/bin/python3 -c "import pandas"' python3-pandas
need_package 'command -v sqlite3' sqlite3
need_package 'test -x /usr/bin/time' time
make_work_dir
build_release "$build_dir" skillscore skillscore-gen
skillscore="$(realpath "$build_dir/cli/skillscore")"
generate="$(realpath "$build_dir/bench/skillscore-gen")"
readonly skillscore generate

data="$work/data"
exam_dir="$data/BENCH-01"
db="$work/exam.db"
if [[ ! -f "$db" ]]; then
  echo "generating and importing the exam into $db" >&2
  "$generate" --candidates 5600 --modules 2 --judgement 60 --seed "$seed" --out "$data"
  rm -f "$db.tmp"*
  "$skillscore" --db "$db.tmp" --as J01 rubric import "$data/rubric.yaml" >/dev/null
  "$skillscore" --db "$db.tmp" --as J01 exam create BENCH-01 --rubric BENCH-2026 >/dev/null
  "$skillscore" --db "$db.tmp" --as J01 candidates import BENCH-01 "$exam_dir/candidates.csv" >/dev/null
  "$skillscore" --db "$db.tmp" --as J01 judges import BENCH-01 "$exam_dir/judges.csv" >/dev/null
  "$skillscore" --db "$db.tmp" --as J01 marks import BENCH-01 "$exam_dir/marks.csv" >/dev/null
  sqlite3 "$db.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$db.tmp" "$db"
fi
marks=$(($(wc -l <"$exam_dir/marks.csv") - 1))
cat "$exam_dir"/*.csv "$data/rubric.yaml" "$db" >/dev/null # into the page cache

declare -A commands=([pandas]="/usr/bin/python3 bench/pandas_totals.py $exam_dir/marks.csv")
order=(pandas)
# add_commands SUFFIX SKILLSCORE: the four commands of that binary.
add_commands() {
  commands[score$1]="$2 score --rubric $data/rubric.yaml --marks $exam_dir/marks.csv --candidates $exam_dir/candidates.csv --judges $exam_dir/judges.csv"
  commands[results$1]="$2 --db $db results BENCH-01"
  commands[status$1]="$2 --db $db status BENCH-01"
  commands[report-judges$1]="$2 --db $db report judges BENCH-01"
  order+=("score$1" "results$1" "status$1" "report-judges$1")
}
if [[ -n "${BEFORE:-}" ]]; then
  add_commands @before "$(realpath "$BEFORE/cli/skillscore")"
fi
add_commands "" "$skillscore"
readonly order

# Best wall and cpu seconds, largest peak MB over the runs: "wall cpu mb".
declare -A best=()
for ((run = 1; run <= runs; ++run)); do
  for name in "${order[@]}"; do
    # shellcheck disable=SC2086 # the command lines are split into words on purpose
    /usr/bin/time -v -o "$work/time.txt" ${commands[$name]} >"$work/$name.out"
    measured=$(awk -F': ' '
      /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = 0; for (i = 1; i <= n; ++i) wall = wall * 60 + t[i] }
      /User time/ { cpu += $2 } /System time/ { cpu += $2 }
      /Maximum resident set size/ { mb = $2 / 1024 }
      END { printf "%.2f %.2f %.0f", wall, cpu, mb }' "$work/time.txt")
    echo "  run $run $name: $measured (wall s, cpu s, peak MB; load $(cut -d' ' -f1 /proc/loadavg))" >&2
    if [[ -z "${best[$name]:-}" ]]; then
      best[$name]=$measured
    else
      best[$name]=$(awk -v a="${best[$name]}" -v b="$measured" 'BEGIN {
        split(a, x, " "); split(b, y, " ")
        printf "%.2f %.2f %.0f", (y[1] < x[1] ? y[1] : x[1]), (y[2] < x[2] ? y[2] : x[2]),
                                 (y[3] > x[3] ? y[3] : x[3]) }')
    fi
  done
done

echo "exam: $marks marks, 5600 candidates, 80 aspects; best of $runs runs; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-21s %8s %8s %8s %12s %12s  %s\n' program "wall s" "cpu s" "peak MB" "pandas÷wall" "pandas÷cpu" goal
read -r pandas_wall pandas_cpu _ <<<"${best[pandas]}"
for name in "${order[@]}"; do
  read -r wall cpu mb <<<"${best[$name]}"
  awk -v name="$name" -v wall="$wall" -v cpu="$cpu" -v mb="$mb" -v pandas_wall="$pandas_wall" \
    -v pandas_cpu="$pandas_cpu" 'BEGIN {
    ratio = cpu > 0 ? pandas_cpu / cpu : 0
    goal = name == "pandas" ? "" : (ratio >= 5 && mb < 100 ? "met" : "NOT met")
    printf "%-21s %8.2f %8.2f %8.0f %12.2f %12.2f  %s\n", name, wall, cpu, mb, (wall > 0 ? pandas_wall / wall : 0),
      ratio, goal }'
done
