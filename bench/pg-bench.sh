#!/usr/bin/env bash
# The bulk paths of the PostgreSQL store against PostgreSQL's own floor (issue 16), on one server
# and the same data in one run:
#
#   import    `skillscore marks import` of N marks        vs  psql "\copy" of the same CSV into a
#                                                              bare table of its four text columns
#   rescore   `skillscore rescore --all` (dry run)         vs  the same sums as one GROUP BY in psql
#
#   bench/pg-bench.sh [MARKS]       default 1000000; 10000000 for the issue's size
#
# The server is a fresh PostgreSQL 15 cluster of tests/support/pg_server.sh with PostgreSQL's
# default durability (PG_FSYNC=on: fsync and full-page writes, synchronous commit), started for
# the run and stopped at the end. skillscore-gen writes one exam of about MARKS marks (200
# aspects, 40 % judgement with panels of three; seed SEED). Each import runs into a new empty
# database, RUNS times (default 3); the rescore compares version 1 of the generated rubric with a
# version 2 that moves 0.05 of the maximum from the first aspect to the third, as
# rescore-bench.sh does. /usr/bin/time -v gives the wall and processor (user + system) seconds and
# the peak resident memory of the client; the server's processor time (the cluster's processes,
# from /proc) is given beside it, since with PostgreSQL much of the work is the server's.
#
# Environment: BUILD_DIR (default build/release; configured as a Release build when missing),
# RUNS (default 3), SEED (default 1), WORK_DIR (default a new temporary directory, removed at the
# end unless KEEP=1), BASELINE (another skillscore binary, an older build for instance: its import
# and rescore are timed in the same runs, on the same server and data, as two more rows). Installs
# time when missing. Prints one table; bench/README.md explains it.
set -euo pipefail

cd "$(dirname "$0")/.."
readonly build_dir="${BUILD_DIR:-build/release}"
readonly runs="${RUNS:-3}"
readonly seed="${SEED:-1}"
readonly size="${1:-1000000}"

# shellcheck source=bench/common.sh
source bench/common.sh
need_package 'test -x /usr/bin/time' time
make_work_dir
build_release "$build_dir" skillscore skillscore-gen
skillscore="$(realpath "$build_dir/cli/skillscore")"
generate="$(realpath "$build_dir/bench/skillscore-gen")"
readonly skillscore generate
baseline="${BASELINE:+$(realpath "$BASELINE")}"
readonly baseline

# The server, stopped whatever happens (the work directory's trap runs after this one's).
server_dir="$work/server"
stop_server() { tests/support/pg_server.sh stop "$server_dir" >/dev/null 2>&1 || true; }
trap 'stop_server; [[ "${KEEP:-0}" == 1 || -n "${WORK_DIR:-}" ]] || rm -rf "$work"' EXIT
PG_FSYNC=on tests/support/pg_server.sh start "$server_dir" $$
# shellcheck disable=SC1091
source "$server_dir/pg.env"
readonly psql="$SKILLSCORE_TEST_PG_BIN/psql"
url_of() { echo "${SKILLSCORE_TEST_PG_URL%/postgres}/$1"; }
export PGOPTIONS="-c client_min_messages=warning"
admin() { "$psql" -X -q -v ON_ERROR_STOP=1 "$SKILLSCORE_TEST_PG_ADMIN_URL" "$@" >/dev/null; }
admin_on() {
  local db=$1
  shift
  "$psql" -X -q -v ON_ERROR_STOP=1 "${SKILLSCORE_TEST_PG_ADMIN_URL/\/postgres?//$db?}" "$@" >/dev/null
}
fresh_database() {
  admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER $SKILLSCORE_TEST_PG_USER"
}

# Processor seconds (user + system) used so far by the cluster's processes, the exited backends
# included (they are the postmaster's children: cutime/cstime of its /proc stat).
server_cpu() {
  local postmaster ticks
  postmaster=$(head -n 1 "$SKILLSCORE_TEST_PG_DATA/postmaster.pid")
  ticks=$(getconf CLK_TCK)
  {
    awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
    for child in $(pgrep -P "$postmaster"); do
      awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || true
    done
  } | awk -v ticks="$ticks" '{ sum += $1 } END { printf "%.2f", sum / ticks }'
}

# The number of the postmaster's children (its own processes and one backend per connection).
backends() { pgrep -c -P "$(head -n 1 "$SKILLSCORE_TEST_PG_DATA/postmaster.pid")"; }

# Runs a command under /usr/bin/time -v, its output discarded; sets `measured` to
# "wall_s client_cpu_s peak_mb server_cpu_s".
measure() {
  local before after children
  children=$(backends)
  before=$(server_cpu)
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null
  # The client's backend leaves after the client: count its time once the postmaster reaped it.
  for _ in $(seq 100); do (($(backends) <= children)) && break; sleep 0.05; done
  after=$(server_cpu)
  measured=$(awk -F': ' -v server="$(awk -v a="$before" -v b="$after" 'BEGIN { print b - a }')" '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = 0; for (i = 1; i <= n; ++i) wall = wall * 60 + t[i] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { mb = $2 / 1024 }
    END { printf "%.2f %.2f %.0f %.2f", wall, cpu, mb, server }' "$work/time.txt")
}

# Keeps in best[NAME] the smallest wall, client and server cpu seconds and the largest peak MB.
declare -A best=()
keep_best() {
  local name=$1
  if [[ -z "${best[$name]:-}" ]]; then
    best[$name]=$measured
    return
  fi
  best[$name]=$(awk -v a="${best[$name]}" -v b="$measured" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    printf "%.2f %.2f %.0f %.2f", (y[1] < x[1] ? y[1] : x[1]), (y[2] < x[2] ? y[2] : x[2]),
                                  (y[3] > x[3] ? y[3] : x[3]), (y[4] < x[4] ? y[4] : x[4]) }')
}

# The corrected rubric of rescore-bench.sh: 0.05 of the first aspect's maximum moves to the third.
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

# Data: one exam of about `size` marks.
"$generate" --candidates 1 --seed "$seed" --out "$work/probe"
per_candidate=$(($(wc -l <"$work/probe/BENCH-01/marks.csv") - 1))
"$generate" --candidates $(((size + per_candidate / 2) / per_candidate)) --seed "$seed" \
  --out "$work/data"
exam_dir="$work/data/BENCH-01"
marks_csv="$exam_dir/marks.csv"
marks=$(($(wc -l <"$marks_csv") - 1))
rubric_code="$(sed -n 's/^code: "\(.*\)"$/\1/p' "$work/data/rubric.yaml")"
correct_rubric "$work/data/rubric.yaml" "$work/data/rubric-v2.yaml"

# skillscore --db URL … as the chief expert J01, output discarded.
on() {
  local db=$1
  shift
  "$skillscore" --db "$(url_of "$db")" --as J01 "$@" >/dev/null
}

set_up_exam() {
  fresh_database "$1"
  on "$1" rubric import "$work/data/rubric.yaml"
  on "$1" exam create BENCH-01 --rubric "$rubric_code"
  on "$1" candidates import BENCH-01 "$exam_dir/candidates.csv"
  on "$1" judges import BENCH-01 "$exam_dir/judges.csv"
}

echo "pg-bench: $marks marks, $runs runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((run = 1; run <= runs; ++run)); do
  cat "$marks_csv" >/dev/null # both read it from the page cache

  fresh_database copy_floor
  admin_on copy_floor -c "CREATE TABLE marks (candidate text, aspect text, judge text, value text)" \
    -c "ALTER TABLE marks OWNER TO $SKILLSCORE_TEST_PG_USER"
  measure "$psql" -X -q "$(url_of copy_floor)" \
    -c "\\copy marks FROM '$marks_csv' WITH (FORMAT csv, HEADER true)"
  keep_best copy
  echo "  run $run psql \\copy: $measured (wall s, client cpu s, peak MB, server cpu s)" >&2

  if [[ -n "$baseline" ]]; then
    set_up_exam baseline
    measure "$baseline" --db "$(url_of baseline)" --as J01 marks import BENCH-01 "$marks_csv"
    keep_best baseline_import
    echo "  run $run marks import (baseline): $measured" >&2
    admin -c "DROP DATABASE baseline WITH (FORCE)"
  fi

  set_up_exam bench
  measure "$skillscore" --db "$(url_of bench)" --as J01 marks import BENCH-01 "$marks_csv"
  keep_best import
  echo "  run $run marks import: $measured" >&2
done

# Re-scoring, on the last imported database with version 2 of the rubric beside version 1.
on bench rubric import "$work/data/rubric-v2.yaml"
admin_on bench -c "VACUUM ANALYZE"
stored=$("$psql" -X -At "$(url_of bench)" -c "SELECT count(*) FROM marks")
for ((run = 1; run <= runs; ++run)); do
  measure "$psql" -X -q "$(url_of bench)" -c "SELECT c.exam, m.candidate, sum(m.value) FROM marks m
    JOIN candidates c ON c.id = m.candidate GROUP BY c.exam, m.candidate"
  keep_best group_by
  echo "  run $run psql GROUP BY: $measured" >&2
  measure "$skillscore" --db "$(url_of bench)" rescore --to "$rubric_code@2" --all --format csv
  keep_best rescore
  echo "  run $run rescore --all: $measured" >&2
  if [[ -n "$baseline" ]]; then
    measure "$baseline" --db "$(url_of bench)" rescore --to "$rubric_code@2" --all --format csv
    keep_best baseline_rescore
    echo "  run $run rescore --all (baseline): $measured" >&2
  fi
done

db_mb=$("$psql" -X -At "$(url_of bench)" -c "SELECT pg_database_size(current_database()) / 1000000")
floor_mb=$("$psql" -X -At "$(url_of copy_floor)" -c "SELECT pg_database_size(current_database()) / 1000000")

echo "marks: $marks in the file, $stored stored; best of $runs runs; database $db_mb MB (bare table's: $floor_mb MB)"
printf '%-16s %8s %11s %11s %8s  %s\n' program "wall s" "client cpu" "server cpu" "peak MB" "ratio (goal)"
row() {
  local name=$1 label=$2 ratio=$3
  read -r wall cpu mb server <<<"${best[$name]}"
  printf '%-16s %8.2f %11.2f %11.2f %8.0f  %s\n' "$label" "$wall" "$cpu" "$server" "$mb" "$ratio"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
read -r copy_wall _ <<<"${best[copy]}"
read -r import_wall _ <<<"${best[import]}"
read -r group_wall _ <<<"${best[group_by]}"
read -r rescore_wall _ <<<"${best[rescore]}"
row copy 'psql \copy' ""
row import 'marks import' "copy ÷ import = $(ratio "$copy_wall" "$import_wall") (≥ 1.0)"
row group_by 'psql GROUP BY' ""
row rescore 'rescore --all' "rescore ÷ GROUP BY = $(ratio "$rescore_wall" "$group_wall") (≤ 2.0)"
if [[ -n "$baseline" ]]; then
  read -r wall _ <<<"${best[baseline_import]}"
  row baseline_import 'import (base)' "copy ÷ import = $(ratio "$copy_wall" "$wall")"
  read -r wall _ <<<"${best[baseline_rescore]}"
  row baseline_rescore 'rescore (base)' "rescore ÷ GROUP BY = $(ratio "$wall" "$group_wall")"
fi
