#!/usr/bin/env bash
# All tests: installs what is missing, builds everything under AddressSanitizer and UBSan, runs
# ctest (unit, property and end-to-end tests), checks the formatting of the sources, and runs
# each fuzz target for FUZZ_SECONDS (45 s here, 7 targets: 5¼ minutes; 0 skips fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j "$(nproc)"
scripts/check-format.sh
fuzz_seconds="${FUZZ_SECONDS:-45}"
if [ "$fuzz_seconds" -gt 0 ]; then FUZZ_SECONDS="$fuzz_seconds" scripts/fuzz.sh; fi
