#!/usr/bin/env bash
# Where a zoo4j training step goes, per calling zoo4j/DL4J frame: `zoo4j bench` under Java Flight Recorder (Java and
# native-method samples of the training thread every 5 ms), attributed by tools/bench/jfr_attrib.py. Unlike
# `bench --profile` (ND4J's op profiler) it also sees zoo4j's oneDNN calls and DL4J's own Java time.
# Usage: tools/bench/jfr_profile.sh "BENCH ARGS"   e.g. jfr_profile.sh "resnet20 --format NHWC --iters 30"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=$(mktemp -d)
ZOO4J_JAVA_OPTS="-XX:StartFlightRecording=filename=$out/bench.jfr,settings=$PWD/tools/bench/jfr-samples.jfc" \
  ./zoo4j bench $1 2>/dev/null | head -n 1
jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 40 "$out/bench.jfr" > "$out/samples.txt"
python3 tools/bench/jfr_attrib.py "$out/samples.txt" 2 25
rm -r "$out"
