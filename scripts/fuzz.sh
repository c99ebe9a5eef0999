#!/usr/bin/env bash
# Fuzzes every parser that reads untrusted input (fuzz/*_fuzzer.cc) for a bounded time each:
# builds the `fuzz` preset (clang 14, libFuzzer, ASan, UBSan), then runs each target on its seed
# corpus (fuzz/corpus/NAME) with its dictionary (fuzz/dict/NAME.dict) for FUZZ_SECONDS seconds
# (default 60). Fails on any finding: the crashing input is left in build/fuzz/findings/ — make it
# a regression test (and a seed under fuzz/corpus/NAME) before fixing.
#
#   scripts/fuzz.sh                    # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh csv rubric
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv rubric mark_value passport xlsx web_request bundle)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

findings=build/fuzz/findings
mkdir -p "$findings"
failed=()
for target in "${targets[@]}"; do
  work="build/fuzz/corpus/$target"  # new inputs go here; the seeds in fuzz/ stay as committed
  mkdir -p "$work"
  log="build/fuzz/$target.log"
  echo "fuzz: $target for ${seconds}s" >&2
  if ! "build/fuzz/fuzz/${target}_fuzzer" "$work" "fuzz/corpus/$target" \
      -dict="fuzz/dict/$target.dict" -max_total_time="$seconds" -max_len=65536 \
      -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$findings/$target-" >"$log" 2>&1; then
    failed+=("$target")
    tail -n 40 "$log" >&2
  fi
  # Executions per second and coverage reached, for the record.
  grep -E '^(#[0-9]+\s+DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$log" \
    | sed "s/^/fuzz: $target: /" >&2 || true
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs in $findings)" >&2
  exit 1
fi
echo "fuzz: no findings" >&2
