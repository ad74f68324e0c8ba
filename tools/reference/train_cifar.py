"""PyTorch training reference for zoo4j's recipes on the CIFAR-10 binaries (equal-budget parity, issue #16).

Trains a cifar_models.py network with the standard recipe exactly as zoo4j's `standard` recipe defines it: SGD with
Nesterov momentum 0.9, lr 0.1, weight decay 5e-4 on every parameter, cosine annealing to 0 stepped per iteration,
4-pixel zero-padded random crop + horizontal flip, batch 128, CIFAR-10 mean/std normalisation. Trains on
data_batch_1-4 and validates on data_batch_5 after every epoch (or trains on all five with --all), writing one CSV
line per epoch. PyTorch's default initialisation (kaiming-uniform, a=sqrt(5)) unless --init he.

    /usr/bin/python3 tools/reference/train_cifar.py --data ../shared/data/cifar-10-batches-bin --epochs 15 \
        --out runs/torch-resnet20.csv
"""
import argparse
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cifar_models  # noqa: E402

MEAN = torch.tensor([0.4914, 0.4822, 0.4465]).view(1, 3, 1, 1)
STD = torch.tensor([0.2470, 0.2435, 0.2616]).view(1, 3, 1, 1)


def read_batches(root, names):
    raw = np.concatenate([np.fromfile(os.path.join(root, n), dtype=np.uint8).reshape(-1, 3073) for n in names])
    return torch.from_numpy(raw[:, 1:].reshape(-1, 3, 32, 32).copy()), torch.from_numpy(raw[:, 0].astype(np.int64))


def normalise(images):
    return (images.float() / 255 - MEAN) / STD


def augment(images, gen):
    """Zero-padded (black) 4-pixel random crop and horizontal flip, per image, on uint8 pixels."""
    n = images.shape[0]
    padded = F.pad(images, (4, 4, 4, 4))
    dy = torch.randint(0, 9, (n,), generator=gen)
    dx = torch.randint(0, 9, (n,), generator=gen)
    flip = torch.rand(n, generator=gen) < 0.5
    out = torch.empty_like(images)
    for i in range(n):
        crop = padded[i, :, dy[i]:dy[i] + 32, dx[i]:dx[i] + 32]
        out[i] = crop.flip(2) if flip[i] else crop
    return out


def he_init(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--model", default="resnet20")
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--wd", type=float, default=5e-4)
    p.add_argument("--init", choices=["torch", "he"], default="torch")
    p.add_argument("--all", action="store_true", help="train on all five batches (no validation)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", required=True, help="CSV: epoch,train_loss,val_accuracy,seconds")
    a = p.parse_args()

    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    names = [f"data_batch_{i}.bin" for i in range(1, 6 if a.all else 5)]
    x, y = read_batches(a.data, names)
    vx, vy = (None, None) if a.all else read_batches(a.data, ["data_batch_5.bin"])
    model = cifar_models.build(a.model).to(memory_format=torch.channels_last)
    if a.init == "he":
        he_init(model)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9, nesterov=True, weight_decay=a.wd)
    steps = a.epochs * math.ceil(len(x) / a.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + math.cos(math.pi * min(1.0, s / steps))))

    with open(a.out, "w") as csv:
        csv.write("epoch,train_loss,val_accuracy,seconds\n")
        for epoch in range(1, a.epochs + 1):
            model.train()
            start, total, seen = time.time(), 0.0, 0
            order = torch.randperm(len(x), generator=gen)
            for i in range(0, len(x), a.batch):
                idx = order[i:i + a.batch]
                inputs = normalise(augment(x[idx], gen)).contiguous(memory_format=torch.channels_last)
                loss = F.cross_entropy(model(inputs), y[idx])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
                sched.step()
                total += loss.item() * len(idx)
                seen += len(idx)
            seconds = time.time() - start
            acc = float("nan")
            if vx is not None:
                model.eval()
                correct = 0
                with torch.no_grad():
                    for i in range(0, len(vx), 500):
                        out = model(normalise(vx[i:i + 500]).contiguous(memory_format=torch.channels_last))
                        correct += (out.argmax(1) == vy[i:i + 500]).sum().item()
                acc = correct / len(vx)
            csv.write(f"{epoch},{total / seen:.4f},{acc:.4f},{seconds:.1f}\n")
            csv.flush()
            print(f"epoch {epoch}: loss {total / seen:.4f} val {acc:.4f} ({seconds:.0f} s, {seen / seconds:.0f} img/s)",
                  flush=True)


if __name__ == "__main__":
    main()
