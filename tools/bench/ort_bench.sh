#!/usr/bin/env bash
# Inference speed of zoo4j's ONNX export in ONNX Runtime (Java, CPU, 2 intra-op threads) next to zoo4j's own, one model
# after another, alternating: tools/bench/ort_bench.sh [MODEL ...]   (default: resnet20 resnet18 densenet_bc_100)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ort="$("$root/mvnw" -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeArtifactIds=onnxruntime \
  -pl zoo -Dmdep.includeScope=test 2>/dev/null | tr -d '\n')"
javac -d "$work" -cp "$ort" "$root/tools/bench/ort/OrtBench.java"
[ $# -gt 0 ] || set -- resnet20 resnet18 densenet_bc_100
for model in "$@"; do
  for round in 1 2; do
    "$root/zoo4j" export-onnx "$model" --out "$work/$model.onnx" > /dev/null 2>&1
    "$root/zoo4j" bench "$model" --mode infer --format NHWC --iters 8 2>/dev/null | head -1
    java -cp "$work:$ort" OrtBench "$work/$model.onnx" 128 32
  done
done
