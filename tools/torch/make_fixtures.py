"""Parity fixtures for `zoo4j import-torch`: a randomly initialised reference model (tools/reference/cifar_models.py,
torchvision for the _imagenet variants), its state_dict, a fixed input batch and the logits and softmax PyTorch
computes in eval mode, in one .npz per model (keys: the state_dict names, `__input__`, `__logits__`, `__output__`).

The fixture must tell a broken model from a correct one, so its output has to depend strongly on the input: the
BatchNorm running statistics are calibrated by train-mode passes over standardised data (as training would leave
them; random statistics let activations vanish or explode through deep nets, and DenseNet-BC's output then hardly
depends on the input), gamma and beta are then spread around 1 and 0, and the inputs are standardised images
(zoo4j's TorchImportTest checks that the samples' outputs differ by far more than its tolerance).

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
    size = 224 if name.endswith("_imagenet") else 32
    batch_norms = [m for m in net.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for m in batch_norms:
        m.reset_running_stats()
        m.momentum = None  # a cumulative average over the calibration passes
    net.train()
    with torch.no_grad():
        for _ in range(4):
            net(torch.randn(16, 3, size, size))
        for m in batch_norms:
            m.weight.uniform_(0.75, 1.25)
            m.bias.uniform_(-0.1, 0.1)
            m.momentum = 0.1
    net.eval()
    x = torch.randn(4, 3, size, size)
    with torch.no_grad():
        classifier = [m for m in net.modules() if isinstance(m, torch.nn.Linear)][-1]
        classifier.weight.mul_(2.0 / net(x).std())  # logits spread over a few units, not hundredths
        logits = net(x)
    arrays = {k: v.numpy().astype(np.float32) for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
    arrays["__input__"] = x.numpy()
    arrays["__logits__"] = logits.numpy()
    arrays["__output__"] = torch.softmax(logits, dim=1).numpy()
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
