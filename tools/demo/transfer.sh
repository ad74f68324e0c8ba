#!/usr/bin/env bash
# Transfer learning on real data, reproducibly: train ResNet-20 on five CIFAR-10 classes (A), then learn the other
# five (B) from 100 labelled images per class, three ways on the same 500 images: a frozen backbone (only the new
# head.fc trains), full fine-tuning, and training from scratch. Accuracy is on all 5,000 data_batch_5 images of B's
# classes. Runs resume: rerun the script after an interruption.
#   tools/demo/transfer.sh [CIFAR_DIR] [WORK_DIR]     (defaults: ../shared/data/cifar-10-batches-bin, runs/transfer-demo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cifar="${1:-$root/../shared/data/cifar-10-batches-bin}"
work="${2:-$root/runs/transfer-demo}"
zoo4j="$root/zoo4j"
epochs_a="${EPOCHS_A:-15}"
epochs_b="${EPOCHS_B:-30}"

[ -d "$work/data/B/val" ] || /usr/bin/python3 "$root/tools/demo/cifar_folders.py" "$cifar" "$work/data"

# train (or resume) a run directory: $1 = out dir, rest = train arguments
run() {
  local out="$1"; shift
  if [ -f "$out/done" ]; then return; fi
  if [ -d "$out/checkpoints" ] && ls "$out"/checkpoints/epoch-*.zip >/dev/null 2>&1; then
    "$zoo4j" train --resume --out "$out"
  else
    "$zoo4j" train "$@" --out "$out"
  fi
  touch "$out/done"
}

run "$work/A" resnet20 --data "$work/data/A" --epochs "$epochs_a"
base="$work/A/checkpoints/best.zip"
run "$work/B-frozen" "$base" --data "$work/data/B" --freeze stage3 --epochs "$epochs_b" --batch 50
run "$work/B-finetune" "$base" --data "$work/data/B" --epochs "$epochs_b" --batch 50
run "$work/B-scratch" resnet20 --data "$work/data/B" --epochs "$epochs_b" --batch 50

best() { tail -n +2 "$1/metrics.csv" | sort -t, -k4 -g | tail -1 | cut -d, -f1,4; }
last() { tail -1 "$1/metrics.csv" | cut -d, -f4; }
echo
echo "| B: 5 new classes, 100 images each | final val accuracy | best (epoch, accuracy) |"
echo "|---|---|---|"
echo "| frozen backbone (stem..stage3 of A's ResNet-20), head.fc trained | $(last "$work/B-frozen") | $(best "$work/B-frozen") |"
echo "| full fine-tuning of A's ResNet-20 | $(last "$work/B-finetune") | $(best "$work/B-finetune") |"
echo "| from scratch (ResNet-20, standard recipe) | $(last "$work/B-scratch") | $(best "$work/B-scratch") |"
echo "A (5 classes, 20,000 images, $epochs_a epochs): final val accuracy $(last "$work/A")"
