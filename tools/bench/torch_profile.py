"""Where one PyTorch training step goes, per op (torch.profiler), for the side-by-side with `zoo4j bench --profile`.
Same model, batch, data and optimizer as torch_bench.py; prints self CPU ms per step of the costliest ops.

Run: LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/bin/python3 tools/bench/torch_profile.py \
       resnet20 [--channels-last] [--bf16] [--steps 5]
"""
import argparse
import os
import sys

import torch
from torch.profiler import ProfilerActivity, profile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
from cifar_models import build  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--top", type=int, default=15)
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--bf16", action="store_true")
    a = p.parse_args()
    torch.manual_seed(0)
    net = build(a.model)
    fmt = torch.channels_last if a.channels_last else torch.contiguous_format
    net = net.to(memory_format=fmt).train()
    x = torch.rand(a.batch, 3, 32, 32).contiguous(memory_format=fmt)
    y = torch.randint(0, 10, (a.batch,))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
            loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    for _ in range(3):
        step()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(a.steps):
            step()
    events = prof.key_averages()
    total = sum(e.self_cpu_time_total for e in events) / 1000 / a.steps
    print(f"torch.profiler, {a.model}, batch {a.batch}, {'channels_last' if a.channels_last else 'NCHW'}, "
          f"{'bf16 autocast' if a.bf16 else 'float32'}: self CPU {total:.1f} ms/step")
    for e in sorted(events, key=lambda e: -e.self_cpu_time_total)[:a.top]:
        ms = e.self_cpu_time_total / 1000 / a.steps
        print(f"  {e.key:45s} {100 * ms / total:5.1f}%  {ms:8.1f} ms/step  {e.count // a.steps:5d} calls/step")


if __name__ == "__main__":
    main()
