#!/usr/bin/env bash
# Fails when a C++ source differs from what .clang-format asks for.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror
echo "clang-format: all sources formatted"
