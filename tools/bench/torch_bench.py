"""The PyTorch side of zoo4j's speed comparison: the same architectures (tools/reference/cifar_models.py), the same
batch, random data, Adam (zoo4j's default updater), median of timed steps after a warm-up. Prints the JSON object
`zoo4j bench --json` prints, so tools/bench/compare.sh can put them side by side.

Run: /usr/bin/python3 tools/bench/torch_bench.py resnet20 --mode train --batch 128 [--channels-last] [--bf16]
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
from cifar_models import build  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--mode", choices=["train", "infer"], default="train")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--bf16", action="store_true", help="bfloat16 autocast (fp32 weights, bf16 convolutions)")
    a = p.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    net = build(a.model)
    size = 224 if a.model.endswith("_imagenet") else 32
    x = torch.rand(a.batch, 3, size, size)
    y = torch.randint(0, 1000 if a.model.endswith("_imagenet") else 10, (a.batch,))
    fmt = torch.channels_last if a.channels_last else torch.contiguous_format
    net = net.to(memory_format=fmt)
    x = x.contiguous(memory_format=fmt)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    net.train(a.mode == "train")

    precision = torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16)
    rates = []
    for i in range(a.warmup + a.iters):
        start = time.perf_counter()
        if a.mode == "train":
            opt.zero_grad(set_to_none=True)
            with precision:
                loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
        else:
            with torch.no_grad(), precision:
                net(x)
        if i >= a.warmup:
            rates.append(a.batch / (time.perf_counter() - start))
    preload = os.environ.get("LD_PRELOAD", "")
    print(json.dumps({
        "model": a.model, "mode": a.mode, "batch": a.batch, "format": "NHWC" if a.channels_last else "NCHW",
        "precision": "bf16" if a.bf16 else "fp32",
        "images_per_second": round(statistics.median(rates), 2), "min": round(min(rates), 2),
        "max": round(max(rates), 2), "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "backend": "PyTorch " + torch.__version__, "threads": torch.get_num_threads(),
        "allocator": "tcmalloc" if "tcmalloc" in preload else "glibc malloc",
    }))


if __name__ == "__main__":
    main()
