#!/usr/bin/env bash
# zoo4j against PyTorch on this machine, one model and mode at a time, same batch and thread count; prints a Markdown
# table with the ratio (zoo4j / PyTorch). Both run with tcmalloc when it is installed (Debian libtcmalloc-minimal4),
# both in NCHW, or with --format NHWC zoo4j in NHWC against PyTorch's channels_last. Needs Debian's python3-torch (run by
# /usr/bin/python3).
# --engine onnxruntime compares zoo4j's ONNX Runtime inference engine instead (inference rows only).
# Usage: tools/bench/compare.sh [--batch B] [--iters N] [--format NCHW|NHWC] [--engine dl4j|onnxruntime] [MODEL ...]
#        (default models: resnet20 resnet18 vgg13 densenet_bc_100)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
batch=128 iters=10 format=NCHW engine=dl4j models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) batch=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --format) format=$2; shift 2 ;;
    --engine) engine=$2; shift 2 ;;
    *) models+=("$1"); shift ;;
  esac
done
[ ${#models[@]} -gt 0 ] || models=(resnet20 resnet18 vgg13 densenet_bc_100)
modes=(train infer)
[ "$engine" = dl4j ] || modes=(infer)
case "$format" in
  NCHW) torch_format=() ;;
  NHWC) torch_format=(--channels-last) ;;
  *) echo "compare.sh: --format must be NCHW or NHWC, not '$format'" >&2; exit 2 ;;
esac
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
torch_env=()
[ -f "$tcmalloc" ] && torch_env=(env "LD_PRELOAD=$tcmalloc")
field() { sed -E "s/.*\"$1\": *\"?([^\",}]*).*/\1/" <<<"$2"; }

./zoo4j list >/dev/null  # build once, outside the timings
echo "| model | mode | zoo4j ($engine) img/s | PyTorch img/s | ratio | zoo4j peak RSS MiB | PyTorch peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for model in "${models[@]}"; do
  for mode in "${modes[@]}"; do
    z=$(./zoo4j bench "$model" --mode "$mode" --engine "$engine" --batch "$batch" --iters "$iters" --format "$format" \
        --json 2>/dev/null \
        | tail -n 1)
    t=$("${torch_env[@]}" /usr/bin/python3 tools/bench/torch_bench.py "$model" --mode "$mode" --batch "$batch" \
        --iters "$iters" ${torch_format[@]+"${torch_format[@]}"})
    zr=$(field images_per_second "$z"); tr=$(field images_per_second "$t")
    ratio=$(awk -v a="$zr" -v b="$tr" 'BEGIN { printf "%.2f", a / b }')
    echo "| $model | $mode | $zr | $tr | $ratio | $(field peak_rss_mib "$z") | $(field peak_rss_mib "$t") |"
  done
done
