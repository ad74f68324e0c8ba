"""Parity fixtures for `zoo4j import-torch`: a randomly initialised reference model (tools/reference/cifar_models.py,
torchvision for the _imagenet variants) with non-trivial BatchNorm statistics, its state_dict, a fixed input batch
and the softmax output PyTorch computes in eval mode, in one .npz per model (keys: the state_dict names,
`__input__`, `__output__`).

  /usr/bin/python3 tools/torch/make_fixtures.py --out zoo/src/test/resources/torch resnet20 densenet_bc_100
  /usr/bin/python3 tools/torch/make_fixtures.py --out zoo/target/torch-fixtures resnet18 vgg13_bn ...   (large ones)
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
from cifar_models import build  # noqa: E402


def fixture(name, seed=1234):
    torch.manual_seed(seed)
    net = build(name)
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    net.eval()
    size = 224 if name.endswith("_imagenet") else 32
    x = torch.rand(2, 3, size, size)
    with torch.no_grad():
        y = torch.softmax(net(x), dim=1)
    arrays = {k: v.numpy().astype(np.float32) for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
    arrays["__input__"] = x.numpy()
    arrays["__output__"] = y.numpy()
    return arrays


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("models", nargs="+")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in a.models:
        np.savez_compressed(os.path.join(a.out, name + ".npz"), **fixture(name))
        print("wrote", os.path.join(a.out, name + ".npz"))


if __name__ == "__main__":
    main()
