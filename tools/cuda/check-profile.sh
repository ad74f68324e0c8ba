#!/usr/bin/env bash
# Checks the backend choice without a GPU: with -Pcuda every module resolves ND4J's CUDA 11.6 backend (with cuDNN)
# and no CPU backend; without it, nothing from CUDA. Resolves POMs and jars from Maven Central (the CUDA jars are
# about 1.2 GB the first time). Run from the repository root: tools/cuda/check-profile.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tree() { ./mvnw -B -q "$@" dependency:tree -DoutputFile="$tmp/tree-\${project.artifactId}.txt" >/dev/null; cat "$tmp"/tree-*.txt; rm -f "$tmp"/tree-*.txt; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cuda=$(tree -Pcuda)
grep -q "org.nd4j:nd4j-cuda-11.6:jar:linux-x86_64-cudnn:1.0.0-M2.1" <<<"$cuda" || { echo "FAIL: -Pcuda lacks nd4j-cuda-11.6 (cudnn)"; exit 1; }
if grep -q "org.nd4j:nd4j-native:" <<<"$cuda"; then echo "FAIL: -Pcuda still pulls nd4j-native"; exit 1; fi

cpu=$(tree)
grep -q "org.nd4j:nd4j-native:jar:linux-x86_64-onednn:1.0.0-M2.1" <<<"$cpu" || { echo "FAIL: default build lacks nd4j-native (onednn)"; exit 1; }
if grep -qi "cuda" <<<"$cpu"; then echo "FAIL: the default build pulls CUDA artifacts"; exit 1; fi
echo "OK: -Pcuda selects nd4j-cuda-11.6 with cuDNN for every module; the default build is CPU-only"
