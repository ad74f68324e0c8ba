#!/usr/bin/env bash
# zoo4j against PyTorch on this machine, one model and mode at a time, same batch and thread count; prints a Markdown
# table with the ratio (zoo4j / PyTorch). Both run with tcmalloc when it is installed (Debian libtcmalloc-minimal4).
# Layouts: --format NCHW (both NCHW), NHWC (zoo4j NHWC against PyTorch's channels_last), or best (each side's faster
# layout per row, both measured; the table says which).
# --precision bf16 runs zoo4j with --precision bf16 and PyTorch under bfloat16 autocast.
# --python picks PyTorch's interpreter (default Debian's /usr/bin/python3 with python3-torch; for PyTorch 2.x, the venv
# made by ../shared/tools/torch2-venv.sh).
# --engine onnxruntime compares zoo4j's ONNX Runtime inference engine instead (inference rows only).
# --csv FILE also appends each row to FILE (a header first when it is new), with the date, CPU and versions, as timm
# publishes its benchmark results (tools/bench/results/).
# Usage: tools/bench/compare.sh [--batch B] [--iters N] [--format NCHW|NHWC|best] [--precision fp32|bf16]
#        [--engine dl4j|onnxruntime] [--python PATH] [--csv FILE] [MODEL ...]
#        (default models: resnet20 resnet18 vgg13 densenet_bc_100)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
batch=128 iters=10 format=NCHW engine=dl4j precision=fp32 python=/usr/bin/python3 csv="" models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --batch) batch=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --format) format=$2; shift 2 ;;
    --precision) precision=$2; shift 2 ;;
    --engine) engine=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --csv) csv=$2; shift 2 ;;
    *) models+=("$1"); shift ;;
  esac
done
[ ${#models[@]} -gt 0 ] || models=(resnet20 resnet18 vgg13 densenet_bc_100)
modes=(train infer)
[ "$engine" = dl4j ] || modes=(infer)
case "$format" in
  NCHW|NHWC) layouts=("$format") ;;
  best) layouts=(NCHW NHWC) ;;
  *) echo "compare.sh: --format must be NCHW, NHWC or best, not '$format'" >&2; exit 2 ;;
esac
torch_precision=()
case "$precision" in
  fp32) ;;
  bf16) torch_precision=(--bf16) ;;
  *) echo "compare.sh: --precision must be fp32 or bf16, not '$precision'" >&2; exit 2 ;;
esac
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
torch_env=()
[ -f "$tcmalloc" ] && torch_env=(env "LD_PRELOAD=$tcmalloc")
field() { sed -E "s/.*\"$1\": *\"?([^\",}]*).*/\1/" <<<"$2"; }
# the faster of two JSON lines (by images_per_second)
faster() { awk -v a="$(field images_per_second "$1")" -v b="$(field images_per_second "$2")" 'BEGIN { exit !(a >= b) }' \
  && echo "$1" || echo "$2"; }

./zoo4j list >/dev/null  # build once, outside the timings
torch_version=$("${torch_env[@]}" "$python" -c 'import torch; print(torch.__version__)')
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //; s/,/ /g')
if [ -n "$csv" ] && [ ! -s "$csv" ]; then
  mkdir -p "$(dirname "$csv")"
  echo "date,cpu,threads,model,mode,engine,precision,batch,zoo4j_format,zoo4j_img_s,torch_version,torch_format,torch_img_s,ratio,zoo4j_peak_rss_mib,torch_peak_rss_mib" > "$csv"
fi
echo "| model | mode | zoo4j ($engine, $precision) img/s | PyTorch $torch_version ($precision) img/s | ratio | zoo4j peak RSS MiB | PyTorch peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for model in "${models[@]}"; do
  for mode in "${modes[@]}"; do
    z="" t=""
    for layout in "${layouts[@]}"; do  # alternating sides, so that drifts of the machine hit both
      zl=$(./zoo4j bench "$model" --mode "$mode" --engine "$engine" --batch "$batch" --iters "$iters" \
          --format "$layout" --precision "$precision" --json 2>/dev/null | tail -n 1 || true)
      torch_format=()
      [ "$layout" = NHWC ] && torch_format=(--channels-last)
      tl=$("${torch_env[@]}" "$python" tools/bench/torch_bench.py "$model" --mode "$mode" --batch "$batch" \
          --iters "$iters" ${torch_format[@]+"${torch_format[@]}"} ${torch_precision[@]+"${torch_precision[@]}"})
      # a layout a side cannot run (zoo4j's bf16 in NCHW) leaves no line
      [ -n "$zl" ] && z=$([ -z "$z" ] && echo "$zl" || faster "$z" "$zl")
      [ -n "$tl" ] && t=$([ -z "$t" ] && echo "$tl" || faster "$t" "$tl")
    done
    zr=$(field images_per_second "$z"); tr=$(field images_per_second "$t")
    ratio=$(awk -v a="$zr" -v b="$tr" 'BEGIN { printf "%.2f", a / b }')
    echo "| $model | $mode | $zr ($(field format "$z")) | $tr ($(field format "$t")) | $ratio | $(field peak_rss_mib "$z") | $(field peak_rss_mib "$t") |"
    [ -z "$csv" ] || echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$cpu,$(nproc),$model,$mode,$engine,$precision,$batch,$(field format "$z"),$zr,$torch_version,$(field format "$t"),$tr,$ratio,$(field peak_rss_mib "$z"),$(field peak_rss_mib "$t")" >> "$csv"
  done
done
