"""Writes a PyTorch model's tensors to an .npz keyed by state_dict name (float32), for `zoo4j import-torch`.
No pickle reaches the Java side.

  /usr/bin/python3 tools/torch/export_npz.py resnet18 --out resnet18.npz                  # torchvision weights
  /usr/bin/python3 tools/torch/export_npz.py resnet20 --state-dict ckpt.pth --out r20.npz  # a checkpoint file

--state-dict takes the shapes checkpoints come in: a bare state_dict, or a dict holding it under 'state_dict',
'model_state_dict' or 'model', as training scripts save them; the 'module.' prefix of DataParallel/
DistributedDataParallel models is removed. The file is read with torch.load(weights_only=True), which unpickles
tensors, numbers, strings and plain containers only: a pickle can name any Python function to call while it loads, so
a checkpoint holding anything else (a whole pickled model, an optimizer object, a custom class) is refused rather than
run. Where the file comes from someone you trust, load it there and save its state_dict alone. weights_only holds only
from PyTorch 2.6 on (before it, a crafted file gets past it: CVE-2025-32434), so under an older PyTorch --state-dict is
refused, pointing to `zoo4j import-torch`, which reads the same files in Java. With a torchvision name and no --state-dict, the
pretrained ImageNet weights are loaded through torchvision (which downloads them once into its cache, so run it where
that is possible).
"""
import argparse
import pickle

CONTAINER_KEYS = ("state_dict", "model_state_dict", "model")
WRAPPER_PREFIX = "module."


def unwrap(checkpoint):
    """The state_dict inside a checkpoint as torch.save wrote it (see the module's doc)."""
    state = checkpoint
    for key in CONTAINER_KEYS:
        if isinstance(checkpoint, dict) and key in checkpoint:
            state = checkpoint[key]
            break
    if not isinstance(state, dict) or not state:
        raise SystemExit("no state_dict found: expected a dict of tensors, or one under "
                         + ", ".join(repr(k) for k in CONTAINER_KEYS))
    return strip_wrapper(state)


SAFE_WEIGHTS_ONLY = (2, 6)


def load_checkpoint(path, load, torch_version):
    """The checkpoint at path through load (torch.load), admitting tensors and plain containers only."""
    release = tuple(int(part) for part in torch_version.split("+")[0].split(".")[:2])
    if release < SAFE_WEIGHTS_ONLY:
        raise SystemExit(f"{path}: refused: PyTorch {torch_version}'s torch.load(weights_only=True) can be bypassed by "
                         "a crafted file (CVE-2025-32434, fixed in PyTorch 2.6); read it with `zoo4j import-torch` "
                         "instead (.pth, legacy .th, .safetensors and .npz, in Java), or run this under PyTorch 2.6 "
                         "or later")
    try:
        return load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as e:
        # PyTorch's message ends with what it met ("WeightsUnpickler error: Unsupported class posix.system. ...")
        text = " ".join(str(e).split()).split("WeightsUnpickler error:")[-1].strip()
        reason = text.split(". ")[0].rstrip(".") if text else type(e).__name__
        raise SystemExit(f"{path}: refused: it holds more than tensors and plain containers ({reason}); unpickling "
                         "that would run code from the file. Where you trust the file, re-save its weights alone: "
                         "torch.save(model.state_dict(), 'weights.pth')") from None


def strip_wrapper(state):
    """Removes DataParallel/DDP's 'module.' when every name has it."""
    if all(k.startswith(WRAPPER_PREFIX) for k in state):
        return {k[len(WRAPPER_PREFIX):]: v for k, v in state.items()}
    return dict(state)


def tensors(state):
    import numpy as np
    return {k: v.detach().cpu().numpy().astype(np.float32) for k, v in state.items()
            if not k.endswith("num_batches_tracked")}


def main():
    import numpy as np
    import torch
    p = argparse.ArgumentParser()
    p.add_argument("model", help="torchvision model name (resnet18, resnet34, vgg13, densenet121), or the zoo4j "
                                 "name the checkpoint is for (with --state-dict)")
    p.add_argument("--state-dict", help="a checkpoint file (torch.save) instead of torchvision's weights")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.state_dict:
        state = unwrap(load_checkpoint(a.state_dict, torch.load, torch.__version__))
    else:
        import torchvision  # only for its own weights: a checkpoint needs none of it
        state = getattr(torchvision.models, a.model)(weights="DEFAULT").state_dict()
    np.savez(a.out, **tensors(state))
    print(f"wrote {len(state)} tensors to {a.out}")


if __name__ == "__main__":
    main()
