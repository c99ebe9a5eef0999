#!/usr/bin/env bash
# The main job on the bundled sample: installs what is missing, builds skillscore (release) and
# runs the judges' workflow on the sample demonstration exam in a fresh temporary database (import
# the rubric, create the exam, register candidates and judges, import the marks), then prints the
# results table. Extra arguments go to `skillscore results` (e.g. --format json, --lang ru).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release

skillscore=build/release/cli/skillscore
sample=samples/de-2026-0412
exam=DE-2026-0412
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
# Every change is recorded in someone's name: the sample's chief expert, E01, sets the exam up
# and transcribes the judges' signed marking forms.
db=(--db "$workdir/skillscore.db" --as E01)

"$skillscore" "${db[@]}" rubric import rubrics/de-09.02.07-2026-pu.yaml
"$skillscore" "${db[@]}" exam create "$exam" --rubric 09.02.07-2026-PU@2026.1 --date 2026-04-12
"$skillscore" "${db[@]}" candidates import "$exam" "$sample/candidates.csv"
"$skillscore" "${db[@]}" judges import "$exam" "$sample/judges.csv"
"$skillscore" "${db[@]}" marks import "$exam" "$sample/marks.csv"
"$skillscore" "${db[@]}" results "$exam" "$@"
