#!/usr/bin/env bash
# Fuzzes one target (Jazzer, coverage-guided) for the 3 minutes its @FuzzTest sets, or until a finding; run it again
# to fuzz longer (the corpus grows from run to run):
#   tools/fuzz/run.sh MODULE CLASS#METHOD        e.g. tools/fuzz/run.sh zoo WeightsFuzzTest#weightsFile
# A finding fails the run and is saved in the target's CLASSInputs/METHOD directory (src/test/resources), which the
# default suite then replays; the corpus fuzzing grows stays in MODULE/.cifuzz-corpus (not in git).
# Targets: zoo WeightsFuzzTest#weightsFile|pickle|npy, zoo ModelFileFuzzTest#modelFile, zoo KerasFuzzTest#h5,
#          data DataFuzzTest#cifarBatch|cifarArchive|image
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ $# -eq 2 ] || { sed -n 2,8p "$0" >&2; exit 2; }
JAZZER_FUZZ=1 ./mvnw -B -pl "$1" -am test -Dtest="$2" -Dsurefire.failIfNoSpecifiedTests=false
