#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the tests and benchmarks: Debian's postgresql-15 binaries,
# a fresh cluster (initdb) in a new temporary directory, listening on a free loopback port and on a
# private socket directory, with a password-authenticated role for the code under test.
#
#   tests/support/pg_server.sh start DIR [OWNER]
#                                           start a server; its connection details go to DIR/pg.env.
#                                           OWNER (a process id, or `parent`): the server is also
#                                           stopped when that process ends, however it ends
#   tests/support/pg_server.sh stop DIR     stop the server of DIR/pg.env and delete its cluster
#   tests/support/pg_server.sh kill DIR     SIGKILL the postmaster (a crash), the cluster is kept
#   tests/support/pg_server.sh restart DIR  start a stopped or crashed cluster again, same port
#
# DIR/pg.env (mode 600) holds shell-style lines that the tests read (tests/support/pg_test_server.h):
#   SKILLSCORE_TEST_PG_URL        postgresql://skillscore_test:PASSWORD@127.0.0.1:PORT/postgres —
#                                 the role under test: password (SCRAM) over TCP, CREATEDB, CREATEROLE
#   SKILLSCORE_TEST_PG_ADMIN_URL  the superuser `postgres` over the private socket (trust)
#   SKILLSCORE_TEST_PG_HOST, _PORT, _USER, _PASSWORD, _DATA (the cluster), _BIN (the binaries)
#
# Works as a normal user and as root (CI): initdb refuses root, so then the cluster belongs to the
# `postgres` user and every server command runs as that user (runuser). The cluster runs with
# fsync=off (a test server: a crash of the server loses nothing, only one of the machine would);
# PG_FSYNC=on keeps PostgreSQL's default, as the benchmarks do. Collation is C, encoding UTF-8.
set -euo pipefail

readonly bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
readonly test_role=skillscore_test

usage() {
  echo "usage: $0 start DIR [OWNER_PID|parent] | stop DIR | kill DIR | restart DIR" >&2
  exit 2
}

fail() {
  echo "pg_server.sh: $*" >&2
  exit 1
}

[[ $# -eq 2 || ($# -eq 3 && $1 == start) ]] || usage
command=$1
dir=$2
owner=${3:-}
[[ $owner != parent ]] || owner=$PPID
env_file="$dir/pg.env"

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port on 127.0.0.1 that nothing listens on now (the server may still lose a race for it;
# start() then tries another).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Reads DIR/pg.env into SKILLSCORE_TEST_PG_* variables; fails when there is none.
load_env() {
  [[ -f $env_file ]] || fail "no server described in $env_file"
  # shellcheck disable=SC1090
  source "$env_file"
}

server_log() { echo "$SKILLSCORE_TEST_PG_DATA/../server.log"; }

# pg_ctl start DATA, the server's output in LOG; pg_ctl's own words shown only when it fails.
pg_ctl_start() {
  local data=$1 log=$2
  as_owner "$bin/pg_ctl" start -w -t 60 -D "$data" -l "$log" >"$log.pg_ctl" 2>&1 ||
    { cat "$log.pg_ctl" >&2; return 1; }
}

start() {
  if [[ -f $env_file ]]; then stop; fi # a server left by an interrupted run
  [[ -x $bin/initdb ]] || fail "PostgreSQL 15 is not installed ($bin/initdb): run scripts/setup.sh"
  if [[ $(id -u) -eq 0 ]] && ! getent passwd postgres >/dev/null; then
    fail "running as root needs the 'postgres' user (Debian's postgresql package creates it)"
  fi
  mkdir -p "$dir"
  # As root the cluster belongs to `postgres`, who may not reach root's TMPDIR: /tmp then.
  local root base="${TMPDIR:-/tmp}"
  [[ $(id -u) -ne 0 ]] || base=/tmp
  root=$(mktemp -d "$base/skillscore-pg.XXXXXX")
  chmod 700 "$root"
  mkdir "$root/data" "$root/socket"
  [[ $(id -u) -ne 0 ]] || chown -R postgres: "$root"

  local password
  password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "$password" >"$root/password"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$root/password"
  as_owner "$bin/initdb" -D "$root/data" -U postgres -E UTF8 --no-locale --auth-local=trust \
    --auth-host=scram-sha-256 --pwfile="$root/password" >"$root/initdb.log" 2>&1 ||
    { cat "$root/initdb.log" >&2; rm -rf "$root"; fail "initdb failed"; }
  rm -f "$root/password"

  local fsync="${PG_FSYNC:-off}"
  cat >>"$root/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$root/socket'
fsync = $fsync
full_page_writes = $fsync
max_connections = 200
logging_collector = off
log_min_messages = warning
EOF
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    sed -i '/^port = /d' "$root/data/postgresql.conf"
    echo "port = $port" >>"$root/data/postgresql.conf"
    if pg_ctl_start "$root/data" "$root/server.log" 2>>"$root/start.log"; then break; fi
    if [[ $attempt -eq 5 ]]; then
      cat "$root/start.log" >&2 || true
      rm -rf "$root"
      fail "the server did not start"
    fi
  done

  local admin="postgresql:///postgres?host=$root/socket&port=$port&user=postgres"
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 "$admin" \
    -c "CREATE ROLE $test_role LOGIN CREATEDB CREATEROLE PASSWORD '$password'" >/dev/null

  umask 077
  cat >"$env_file.tmp" <<EOF
SKILLSCORE_TEST_PG_URL=postgresql://$test_role:$password@127.0.0.1:$port/postgres
SKILLSCORE_TEST_PG_ADMIN_URL='$admin'
SKILLSCORE_TEST_PG_HOST=127.0.0.1
SKILLSCORE_TEST_PG_PORT=$port
SKILLSCORE_TEST_PG_USER=$test_role
SKILLSCORE_TEST_PG_PASSWORD=$password
SKILLSCORE_TEST_PG_DATA=$root/data
SKILLSCORE_TEST_PG_BIN=$bin
EOF
  mv "$env_file.tmp" "$env_file"
  [[ -z $owner ]] || watch_owner "$owner" "$root/data"
}

# Stops the server (cluster DATA) of DIR when process OWNER ends (a test killed midway, ctest interrupted), from a
# detached watcher; a server stopped before then makes the watcher leave.
watch_owner() {  # OWNER DATA
  local owner=$1 data=$2 script
  script=$(realpath "$0")
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null && [[ -d "$3" ]]; do sleep 1; done
    [[ -d "$3" ]] && "$2" stop "$4"' watcher "$owner" "$script" "$data" "$dir" \
    </dev/null >/dev/null 2>&1 &
}

stop() {
  load_env
  local data=$SKILLSCORE_TEST_PG_DATA
  if [[ -f $data/postmaster.pid ]]; then
    as_owner "$bin/pg_ctl" stop -w -t 60 -m fast -D "$data" >/dev/null 2>&1 ||
      as_owner "$bin/pg_ctl" stop -w -t 60 -m immediate -D "$data" >/dev/null 2>&1 || true
  fi
  # Only ever a directory this script made.
  [[ $data == */skillscore-pg.*/data ]] && rm -rf "${data%/data}"
  rm -f "$env_file"
}

kill_server() {
  load_env
  local pid children
  pid=$(head -n 1 "$SKILLSCORE_TEST_PG_DATA/postmaster.pid")
  # The postmaster and its backends at once, as a crash of the server's machine would: no backend
  # gets to finish what it was doing.
  children=$(pgrep -P "$pid" || true)
  # shellcheck disable=SC2086
  kill -KILL "$pid" $children 2>/dev/null || true
  local process
  for process in $pid $children; do
    while kill -0 "$process" 2>/dev/null; do sleep 0.05; done
  done
}

restart() {
  load_env
  pg_ctl_start "$SKILLSCORE_TEST_PG_DATA" "$(server_log)"
}

case $command in
  start) start ;;
  stop) stop ;;
  kill) kill_server ;;
  restart) restart ;;
  *) usage ;;
esac
