#!/usr/bin/env bash
# All tests: installs what is missing, builds everything under AddressSanitizer and UBSan, runs
# ctest (unit, property and end-to-end tests), and checks the formatting of the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j "$(nproc)"
scripts/check-format.sh
