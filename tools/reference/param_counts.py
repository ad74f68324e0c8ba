"""Writes the reference parameter counts zoo4j's tests compare against.

trainable = PyTorch's parameter count; params = trainable + BatchNorm running mean/var (Keras' "Total params",
DL4J's numParams()). Run: /usr/bin/python3 tools/reference/param_counts.py > zoo/src/test/resources/reference-param-counts.json
"""
import json
import sys

import torch.nn as nn

from cifar_models import NAMES, build


def counts(model):
    trainable = sum(p.numel() for p in model.parameters())
    bn_stats = sum(m.running_mean.numel() + m.running_var.numel()
                   for m in model.modules() if isinstance(m, nn.BatchNorm2d))
    return {"params": trainable + bn_stats, "trainable": trainable}


if __name__ == "__main__":
    json.dump({name: counts(build(name)) for name in NAMES}, sys.stdout, indent=2)
    sys.stdout.write("\n")
