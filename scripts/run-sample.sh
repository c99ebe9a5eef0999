#!/usr/bin/env bash
# The main job on the bundled sample: installs what is missing, builds skillscore (release) and
# scores the sample demonstration exam, printing the results table.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release

skillscore=build/release/cli/skillscore
sample=samples/de-2026-0412
"$skillscore" score --rubric rubrics/de-09.02.07-2026-pu.yaml \
  --candidates "$sample/candidates.csv" --judges "$sample/judges.csv" --marks "$sample/marks.csv" \
  --format table "$@"
