#!/usr/bin/env bash
# Times `skillscore rescore --all` (dry run) against the floor for anything that reads the marks:
# the SQLite shell's aggregate scan of the same marks, on the same database, in the same run.
#
#   bench/rescore-bench.sh BUILD_DIR WORK_DIR [MILLIONS_OF_MARKS...]   (default: 1 10 30)
#
# BUILD_DIR is a Release build with the targets skillscore, skillscore-gen and
# skillscore-import-bench. For each size, WORK_DIR/<N>M/ gets generated exams (25 candidates
# each, about 348 marks per candidate: 200 aspects, 40 % of them judgement with panels of three)
# imported into exams.db by skillscore-import-bench, and a corrected rubric version 2 that moves
# 0.05 of the maximum from the first aspect to the third (the total stays the same). A database
# that already exists is reused. Then, RUNS times (default 3) each:
#
#   grouped   SELECT c.exam, m.candidate, sum(m.value) … GROUP BY c.exam, m.candidate
#             (the marks table has no exam column: candidates give it; SQLite sorts for this)
#   stream    SELECT m.candidate, c.exam, sum(m.value) … GROUP BY m.candidate
#             (the same sums in the marks table's key order: no sort, the true floor)
#   rescore   skillscore rescore --to BENCH-2026@2 --all --format csv (dry run)
#
# printing the wall and CPU (user + system) seconds of each and rescore's peak RSS; the summary
# line gives the best of the runs and rescore's ratios to both floors. CPU time is shown because
# the machine may be shared: wall time then measures the other programs as well. The page cache
# is warmed before timing.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BUILD_DIR WORK_DIR [MILLIONS_OF_MARKS...]" >&2
  exit 2
fi
build=$(realpath "$1")
work=$2
shift 2
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1 10 30)
runs=${RUNS:-3}
skillscore=$build/cli/skillscore
generate=$build/bench/skillscore-gen
import=$build/bench/skillscore-import-bench
for tool in "$skillscore" "$generate" "$import" /usr/bin/time sqlite3; do
  command -v "$tool" >/dev/null || { echo "$0: missing $tool" >&2; exit 2; }
done

readonly candidates_per_exam=25
readonly marks_per_exam=8700 # 25 candidates × 348 marks, as skillscore-gen writes them

# The corrected rubric: 0.05 of the first aspect's maximum moves to the third aspect.
correct_rubric() {
  awk '/^version: /{ $0 = "version: \"2\"" }
       /^            max: /{
         n++
         if (n == 1 || n == 3) {
           h = int($2 * 100 + 0.5) + (n == 1 ? -5 : 5)
           $0 = sprintf("            max: %d.%02d", int(h / 100), h % 100)
         }
       }
       { print }' "$1" >"$2"
}

build_database() {
  local dir=$1 millions=$2
  local exams=$(((millions * 1000000 + marks_per_exam - 1) / marks_per_exam))
  [[ -f $dir/exams.db ]] && return
  echo "generating $exams exams (${millions}M marks) in $dir" >&2
  rm -rf "$dir/gen"
  "$generate" --candidates "$candidates_per_exam" --exams "$exams" --out "$dir/gen"
  "$import" "$dir/exams.db.tmp" "$dir/gen/rubric.yaml" "$dir"/gen/BENCH-* >"$dir/import.log"
  correct_rubric "$dir/gen/rubric.yaml" "$dir/rubric-v2.yaml"
  "$skillscore" --db "$dir/exams.db.tmp" --as bench rubric import "$dir/rubric-v2.yaml"
  sqlite3 "$dir/exams.db.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$dir/exams.db.tmp" "$dir/exams.db"
  rm -rf "$dir/gen"
}

# Runs a command under /usr/bin/time, output discarded; prints "wall_seconds cpu_seconds peak_mib".
measure() {
  local stats
  stats=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" >/dev/null
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$stats"
  rm -f "$stats"
}

# The smallest of the numbers on standard input.
best() { sort -n | head -1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf "%-5s %10s | %-13s %-13s %-13s | %-11s %-11s | %s\n" size marks "grouped" "stream" \
  "rescore" "÷grouped" "÷stream" "rescore peak"
printf "%-5s %10s | %-13s %-13s %-13s | %-11s %-11s | %s\n" "" "" "wall/cpu s" "wall/cpu s" \
  "wall/cpu s" "wall/cpu" "wall/cpu" "RSS MiB"
for millions in "${sizes[@]}"; do
  dir=$work/${millions}M
  mkdir -p "$dir"
  build_database "$dir" "$millions"
  db=$dir/exams.db
  marks=$(sqlite3 "$db" "SELECT count(*) FROM marks")
  cat "$db" >/dev/null # warm the page cache
  declare -A wall=() cpu=() best_wall=() best_cpu=()
  peak=0
  for ((run = 1; run <= runs; run++)); do
    for what in grouped stream rescore; do
      case $what in
        grouped) command=(sqlite3 "$db" "SELECT c.exam, m.candidate, sum(m.value) FROM marks m JOIN candidates c ON c.id = m.candidate GROUP BY c.exam, m.candidate") ;;
        stream) command=(sqlite3 "$db" "SELECT m.candidate, c.exam, sum(m.value) FROM marks m JOIN candidates c ON c.id = m.candidate GROUP BY m.candidate") ;;
        rescore) command=("$skillscore" --db "$db" rescore --to BENCH-2026@2 --all --format csv) ;;
      esac
      read -r w c m < <(measure "${command[@]}")
      wall[$what]+="$w "
      cpu[$what]+="$c "
      [[ $what == rescore && $m -gt $peak ]] && peak=$m
      echo "  ${millions}M run $run $what: ${w} s wall, ${c} s cpu, ${m} MiB" >&2
    done
  done
  for what in grouped stream rescore; do
    best_wall[$what]=$(tr ' ' '\n' <<<"${wall[$what]}" | grep . | best)
    best_cpu[$what]=$(tr ' ' '\n' <<<"${cpu[$what]}" | grep . | best)
  done
  printf "%-5s %10s | %-13s %-13s %-13s | %-11s %-11s | %s\n" "${millions}M" "$marks" \
    "${best_wall[grouped]}/${best_cpu[grouped]}" "${best_wall[stream]}/${best_cpu[stream]}" \
    "${best_wall[rescore]}/${best_cpu[rescore]}" \
    "$(ratio "${best_wall[rescore]}" "${best_wall[grouped]}")/$(ratio "${best_cpu[rescore]}" "${best_cpu[grouped]}")" \
    "$(ratio "${best_wall[rescore]}" "${best_wall[stream]}")/$(ratio "${best_cpu[rescore]}" "${best_cpu[stream]}")" \
    "$peak"
done
