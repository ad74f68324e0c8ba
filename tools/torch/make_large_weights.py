"""Writes weights as large as torchvision's vgg13 (133,047,848 parameters, 532 MB) in its layout and names, random
values, as vgg13.npz and vgg13.pth (torch.save), into the working directory: the files that check that zoo4j imports
weights of that size (docs/import-export.md). Needs numpy and PyTorch (Debian's python3-torch):
  /usr/bin/python3 tools/torch/make_large_weights.py && ./zoo4j import-torch vgg13_imagenet vgg13.pth --out v.zip
"""
import collections, numpy as np, torch
cfg = [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]
state, i, c = collections.OrderedDict(), 0, 3
rng = np.random.default_rng(0)
for v in cfg:
    if v == "M":
        i += 1
        continue
    state[f"features.{i}.weight"] = rng.standard_normal((v, c, 3, 3), dtype=np.float32) * 0.01
    state[f"features.{i}.bias"] = np.zeros(v, dtype=np.float32)
    c, i = v, i + 2
for k, (o, n) in zip((0, 3, 6), ((4096, 25088), (4096, 4096), (1000, 4096))):
    state[f"classifier.{k}.weight"] = rng.standard_normal((o, n), dtype=np.float32) * 0.01
    state[f"classifier.{k}.bias"] = np.zeros(o, dtype=np.float32)
np.savez("vgg13.npz", **state)
torch.save({k: torch.from_numpy(v) for k, v in state.items()}, "vgg13.pth")
