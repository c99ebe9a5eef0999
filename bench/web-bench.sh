#!/usr/bin/env bash
# Marks entered through the web (issue 13, "Performance"): simulated judges on keep-alive
# connections send a whole exam's marks to one `skillscore serve` on SQLite, one
# PUT /api/exams/EXAM/marks per mark, driven by wrk (bench/web_marks.lua) at 100 and then 300
# concurrent connections; then a checker counts the marks in the database: every mark of the
# exam's marks file exactly once, none refused. Beside it, the ceiling of SQLite alone: the same
# number of one-row durable transactions (WAL, synchronous=FULL, as the store), each timed
# (bench/sqlite_alone.py, Python's sqlite3 module: the same SQLite library).
#
#   bench/web-bench.sh
#
# The exam comes from skillscore-gen (CANDIDATES candidates, default 40; one module of 40 aspects,
# 40 % judgement, panels of three): about 70 marks per candidate. The judges sign in once each
# with the codes of `skillscore judges codes` (read back from the cards' QR codes with zbarimg);
# wrk's connections share their sessions, each request the next mark in its judge's name.
# Loopback only; each run is bounded by DURATION seconds (default 60).
#
# Reports per run: marks/s (marks divided by the time from the first mark write to the end of the
# last, read from the server's log, since wrk runs for its whole duration), the client-side latency
# percentiles of wrk (which include a few cheap reads that wait for the last answers) and the
# server-side p99 of the mark writes from the server's log; and SQLite's marks/s alone.
#
# STORE=postgresql runs the server on PostgreSQL instead (issue 16): a throwaway cluster of
# tests/support/pg_server.sh with PostgreSQL's default durability (PG_FSYNC=on), as pg-bench.sh
# starts it, a fresh database per run, `serve --db postgresql://…`; the checker then counts with
# psql. The server's peak resident memory (VmHWM) is reported for either store.
#
# Two modes, each at every number of connections (MODES, default "closed paced"):
# - closed: a connection sends its next mark the moment the last is answered (judges as fast as
#   the server lets them: throughput, and latency that grows with the queue by Little's law);
# - paced: a connection waits PACE_MS (default 2000) on average between an answer and its next
#   mark (uniformly 0.5–1.5 × PACE_MS, so the connections do not move in step), which is a judge
#   entering one value every two seconds without pause: faster than a bench is marked (a judge
#   looks at the work before each value), so 300 such judges are a heavy exam day. Latency here is
#   what a judge feels at the tablet.
#
# Environment: BUILD_DIR (default build/release; BUILD=0 uses its programs as they are),
# CANDIDATES, DURATION, CONNECTIONS (default "100 300"), MODES, PACE_MS, ALONE (0 leaves out
# SQLite alone), STORE (sqlite or postgresql), WORK_DIR / KEEP as the other benchmarks; PERF=1
# records the server with `perf record -g` during each run (perf-MODE_N.data in the work
# directory: give WORK_DIR to keep it). Needs wrk, sqlite3, python3, zbar-tools and poppler-utils
# (installed when missing).
set -euo pipefail

cd "$(dirname "$0")/.."
readonly build_dir="${BUILD_DIR:-build/release}"
readonly candidates="${CANDIDATES:-40}"
readonly duration="${DURATION:-60}"
readonly connection_counts="${CONNECTIONS:-100 300}"
readonly modes="${MODES:-closed paced}"
readonly pace_ms="${PACE_MS:-2000}"
readonly exam=BENCH-01
readonly store="${STORE:-sqlite}"
readonly wrk_threads=2

# shellcheck source=bench/common.sh
source bench/common.sh
need_package 'command -v wrk' wrk
need_package 'command -v sqlite3' sqlite3
need_package 'command -v python3' python3
need_package 'command -v zbarimg' zbar-tools
need_package 'command -v pdftoppm' poppler-utils
make_work_dir
[[ "${BUILD:-1}" == 0 ]] || build_release "$build_dir" skillscore skillscore-gen
skillscore="$(realpath "$build_dir/cli/skillscore")"
generate="$(realpath "$build_dir/bench/skillscore-gen")"
readonly skillscore generate

"$generate" --candidates "$candidates" --modules 1 --seed 1 --out "$work/data" >/dev/null
exam_dir="$work/data/$exam"
# marks.tsv: judge, candidate, aspect, value (the marks file's columns, found by name).
awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) column[$i] = i; next }
         { print $column["judge"] "\t" $column["candidate"] "\t" $column["aspect"] "\t" $column["value"] }' \
  "$exam_dir/marks.csv" >"$work/marks.tsv"
marks=$(wc -l <"$work/marks.tsv")
readonly marks

if [[ "$store" == postgresql ]]; then
  server_dir="$work/pg-server"
  stop_pg() { tests/support/pg_server.sh stop "$server_dir" >/dev/null 2>&1 || true; }
  trap 'stop_pg; [[ "${KEEP:-0}" == 1 || -n "${WORK_DIR:-}" ]] || rm -rf "$work"' EXIT
  PG_FSYNC=on tests/support/pg_server.sh start "$server_dir" $$ >/dev/null
  # shellcheck disable=SC1091
  source "$server_dir/pg.env"
  export PGOPTIONS="-c client_min_messages=warning"
fi

# The database of a run: a file, or a database on the PostgreSQL server.
database_of() {
  if [[ "$store" == postgresql ]]; then
    echo "${SKILLSCORE_TEST_PG_URL%/postgres}/web_$1"
  else
    echo "$work/web-$1.db"
  fi
}

# A fresh database with the exam, its people and every judge's sign-in code.
prepare_database() {
  local db=$1
  if [[ "$store" == postgresql ]]; then
    local name=${db##*/}
    name=${name%%\?*}
    "$SKILLSCORE_TEST_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$SKILLSCORE_TEST_PG_ADMIN_URL" \
      -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
      -c "CREATE DATABASE $name OWNER $SKILLSCORE_TEST_PG_USER" >/dev/null
  else
    rm -f "$db"*
  fi
  "$skillscore" --db "$db" --as J01 rubric import "$work/data/rubric.yaml" >/dev/null
  "$skillscore" --db "$db" --as J01 exam create "$exam" --rubric BENCH-2026 >/dev/null
  "$skillscore" --db "$db" --as J01 candidates import "$exam" "$exam_dir/candidates.csv" >/dev/null
  "$skillscore" --db "$db" --as J01 judges import "$exam" "$exam_dir/judges.csv" >/dev/null
  "$skillscore" --db "$db" --as J01 judges codes "$exam" --url http://127.0.0.1 \
    --out "$work/codes.pdf" 2>/dev/null
  pdftoppm -r 150 -png "$work/codes.pdf" "$work/codes" 2>/dev/null
  zbarimg -q --raw "$work/codes"*.png 2>/dev/null | sed 's/.*#//' >"$work/codes.txt"
}

# Signs every judge in once: sessions.tsv (judge, cookie, csrf).
sign_in() {
  local port=$1
  : >"$work/sessions.tsv"
  while IFS= read -r fragment; do
    local judge code answer cookie csrf
    judge=$(sed 's/.*judge=\([^&]*\).*/\1/' <<<"$fragment")
    code=$(sed 's/.*code=\([^&]*\).*/\1/' <<<"$fragment")
    answer=$(curl -s -D "$work/headers.txt" -H 'Content-Type: application/json' \
      -d "{\"exam\": \"$exam\", \"judge\": \"$judge\", \"code\": \"$code\"}" \
      "http://127.0.0.1:$port/api/signin")
    cookie=$(grep -i '^Set-Cookie:' "$work/headers.txt" | sed 's/^[^:]*: *\([^;]*\);.*/\1/')
    csrf=$(sed -n 's/.*"csrf": "\([0-9a-f]*\)".*/\1/p' <<<"$answer")
    [[ -n "$csrf" ]] || { echo "sign-in of $judge failed: $answer" >&2; exit 1; }
    printf '%s\t%s\t%s\n' "$judge" "$cookie" "$csrf" >>"$work/sessions.tsv"
  done <"$work/codes.txt"
}

# The marks of the exam in the database, and how many of them were replaced (must be 0).
count_marks() {
  local query
  if [[ "$store" == postgresql ]]; then
    query() { "$SKILLSCORE_TEST_PG_BIN/psql" -X -q -t -A "$1" -c "$2"; }
  else
    query() { sqlite3 "$1" "$2"; }
  fi
  query "$1" "SELECT (SELECT COUNT(*) FROM marks m JOIN candidates c ON c.id = m.candidate
                        JOIN exams e ON e.id = c.exam WHERE e.code = '$exam') || ' ' ||
                       (SELECT COUNT(*) FROM mark_history);"
}

# The time of a server log line ("2026-12-07T01:34:29.990 info …") in seconds since the epoch.
log_seconds() { date -d "$(cut -d ' ' -f 1 <<<"$1" | tr T ' ')" +%s.%N; }

echo "web-bench: $marks marks of $candidates candidates; the machine is shared, figures vary" >&2
printf '%-8s %-12s %8s %9s %10s %12s %10s %12s %12s %8s %s\n' mode connections marks seconds \
  marks/s "99% marks/s" "wrk p99" "server p50" "server p99" "peak MB" check
for mode in $modes; do
for connections in $connection_counts; do
  pace=0
  [[ "$mode" == paced ]] && pace=$pace_ms
  run="${mode}_$connections"
  db=$(database_of "$run")
  prepare_database "$db"
  log="$work/serve-$run.log"
  : >"$log"  # read below before the server may have opened it
  "$skillscore" --db "$db" serve --listen 127.0.0.1:0 --threads $((connections + 16)) 2>"$log" &
  server=$!
  port=""
  for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || { cat "$log" >&2; kill "$server"; exit 1; }
  sign_in "$port"
  perf_pid=""
  if [[ "${PERF:-0}" == 1 ]]; then
    perf record -g -o "$work/perf-$run.data" -p "$server" 2>/dev/null &
    perf_pid=$!
  fi
  WEB_BENCH_DIR="$work" WEB_BENCH_EXAM="$exam" WEB_BENCH_THREADS=$wrk_threads \
    WEB_BENCH_PACE_MS=$pace \
    timeout $((duration + 30)) wrk -t $wrk_threads -c "$connections" -d "${duration}s" --timeout 10s \
    -s bench/web_marks.lua "http://127.0.0.1:$port" >"$work/wrk-$run.txt" 2>&1 || true
  if [[ -n "$perf_pid" ]]; then
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
  fi
  peak_mb=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
  kill -TERM "$server"
  wait "$server" || true
  read -r stored replaced < <(count_marks "$db")
  wrk_p99=$(sed -n 's/^p50 .*p99 \([0-9.]*\) ms.*/\1/p' "$work/wrk-$run.txt")
  grep ' PUT /api/exams/' "$log" | awk '{ for (i = 1; i < NF; ++i) if ($(i + 1) == "ms") print $i }' |
    sort -n >"$work/put-ms-$run.txt"
  percentile() {
    awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p); if (i < 1) i = 1; print v[i] }' \
      "$work/put-ms-$run.txt"
  }
  server_p50=$(percentile 0.5)
  server_p99=$(percentile 0.99)
  # Every mark the server accepted (a 200 in its log) is stored exactly once: none lost, none
  # doubled. A run cut short by DURATION leaves marks unsent, which the check names, not as lost.
  read -r answered refused < <(sed -n 's/^marks answered: \([0-9]*\), refused: \([0-9]*\)$/\1 \2/p' \
    "$work/wrk-$run.txt")
  accepted=$(grep -c ' PUT /api/exams/[^ ]*/marks 200 ' "$log" || true)
  check="ok: each accepted mark stored once"
  [[ "${refused:-1}" == 0 ]] || check="REFUSED: ${refused:-?}"
  [[ "$stored" == "$accepted" && "$replaced" == 0 ]] ||
    check="LOST OR DOUBLED: $accepted accepted, $stored stored, $replaced replaced"
  [[ "$accepted" == "$marks" ]] || check="$check; $((marks - accepted)) not sent within ${duration}s"
  # wrk runs for its whole duration even once every thread has stopped, so the time of the marks
  # is read from the server's log: from the start of the first mark write (its time less its
  # duration) to the end of the last.
  first_put=$(grep -m 1 ' PUT /api/exams/' "$log")
  last_put=$(grep ' PUT /api/exams/' "$log" | tail -n 1)
  # Connections that the server's listen backlog (5, fixed in Debian's cpp-httplib) drops at the
  # start are retried by TCP 1, 3, 7… seconds later and send their marks last: marks/s is also
  # given for the first 99 % of the marks (up to the completion of the 99th-percentile mark).
  put_99=$(grep ' PUT /api/exams/' "$log" | sed -n "$((stored * 99 / 100))p")
  seconds_99=$(awk -v a="$(log_seconds "$first_put")" -v b="$(log_seconds "$put_99")" \
    -v first_ms="$(awk '{ for (i = 1; i < NF; ++i) if ($(i + 1) == "ms") print $i }' <<<"$first_put")" \
    'BEGIN { printf "%.2f", b - a + first_ms / 1000 }')
  seconds=$(awk -v a="$(log_seconds "$first_put")" -v b="$(log_seconds "$last_put")" \
    -v first_ms="$(awk '{ for (i = 1; i < NF; ++i) if ($(i + 1) == "ms") print $i }' <<<"$first_put")" \
    'BEGIN { printf "%.2f", b - a + first_ms / 1000 }')
  printf '%-8s %-12s %8s %9s %10.0f %12.0f %10s %12s %12s %8s %s\n' "$mode" "$connections" \
    "$stored" "$seconds" \
    "$(awk -v m="$stored" -v s="$seconds" 'BEGIN { print m / s }')" \
    "$(awk -v m="$stored" -v s="$seconds_99" 'BEGIN { print m * 0.99 / s }')" "${wrk_p99:-?} ms" \
    "${server_p50:-?} ms" "${server_p99:-?} ms" "$peak_mb" "$check"
done
done
[[ "$store" == postgresql ]] && exit 0
[[ "${ALONE:-1}" == 1 ]] || exit 0

# SQLite alone: one durable transaction per row, as many rows as marks, with each one's time.
sqlite_db="$work/sqlite-alone.db"
rm -f "$sqlite_db"*
read -r alone_marks alone_seconds alone_rate alone_p50 alone_p99 < <(
  python3 bench/sqlite_alone.py "$sqlite_db" "$work/marks.tsv")
printf '%-8s %-12s %8s %9s %10s %12s %10s %12s %12s %8s %s\n' alone sqlite3 "$alone_marks" \
  "$alone_seconds" "$alone_rate" "" "" "$alone_p50 ms" "$alone_p99 ms" "" \
  "SQLite alone: one durable transaction per mark (p50, p99: one transaction)"
