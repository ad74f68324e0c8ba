"""Writes a PyTorch model's tensors to an .npz keyed by state_dict name (float32), for `zoo4j import-torch`.
No pickle reaches the Java side.

  /usr/bin/python3 tools/torch/export_npz.py resnet18 --out resnet18.npz                  # torchvision weights
  /usr/bin/python3 tools/torch/export_npz.py resnet18 --state-dict ckpt.pth --out r18.npz  # a state_dict file

With a torchvision name and no --state-dict, the pretrained ImageNet weights are loaded through torchvision (which
downloads them once into its cache, so run it where that is possible).
"""
import argparse

import numpy as np
import torch
import torchvision


def tensors(state_dict):
    return {k: v.detach().cpu().numpy().astype(np.float32) for k, v in state_dict.items()
            if not k.endswith("num_batches_tracked")}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model", help="torchvision model name (resnet18, resnet34, vgg13, densenet121)")
    p.add_argument("--state-dict", help="a file saved with torch.save(model.state_dict(), ...) instead")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.state_dict:
        state = torch.load(a.state_dict, map_location="cpu")
        state = state.get("state_dict", state)
    else:
        state = getattr(torchvision.models, a.model)(weights="DEFAULT").state_dict()
    np.savez(a.out, **tensors(state))
    print(f"wrote {len(state)} tensors to {a.out}")


if __name__ == "__main__":
    main()
