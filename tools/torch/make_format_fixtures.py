"""Fixtures for zoo4j's Java readers of PyTorch weights (TorchWeightsTest): the resnet20 parity fixture's state_dict
(resnet20.npz, from make_fixtures.py) written as PyTorch and Hugging Face publish weights, by their own libraries:

  resnet20.safetensors   safetensors.torch.save_file, with __metadata__
  resnet20.pth           torch.save of a training script's checkpoint: {'epoch', 'best_acc', 'state_dict'} with
                         DataParallel's 'module.' prefix, num_batches_tracked included
  dtypes.safetensors     small tensors of known values in F32, F16, BF16, F64 and I64
  dtypes.pth             the same through torch.save (protocol 2), one of them a transposed (non-contiguous) view
  dtypes-torch2.pth      dtypes.pth as PyTorch 2.x writes it, inside a training script's checkpoint dict (run the
                         script under PyTorch 2.x: it then writes only this file)

  PYTHONPATH=DIR_WITH_SAFETENSORS /usr/bin/python3 tools/torch/make_format_fixtures.py zoo/src/test/resources/torch
  /tmp/torch2/bin/python tools/torch/make_format_fixtures.py zoo/src/test/resources/torch    (../shared/tools/torch2-venv.sh)
(Debian's python3-torch is 1.13; safetensors from pip, e.g. pip install --target DIR safetensors)
"""
import collections
import os
import sys

import numpy as np
import torch


def known_tensors():
    ramp = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8 - 0.5  # exact in every float type
    return collections.OrderedDict([
        ("f32", ramp.clone()),
        ("f16", ramp.to(torch.float16)),
        ("bf16", ramp.to(torch.bfloat16)),
        ("f64", ramp.to(torch.float64)),
        ("i64", torch.tensor([5, -3, 7], dtype=torch.int64)),
    ])


def known_pth():
    pth = known_tensors()
    pth["f32_transposed"] = pth["f32"].t()  # a view: storage shared with f32, strides (1, 4)
    return pth


def main(out):
    if int(torch.__version__.split(".")[0]) >= 2:
        torch.save({"epoch": 3, "optimizer": None, "model_state_dict": known_pth()},
                   os.path.join(out, "dtypes-torch2.pth"))
        return
    from safetensors.torch import save_file
    with np.load(os.path.join(out, "resnet20.npz")) as npz:
        state = collections.OrderedDict((k, torch.from_numpy(npz[k].copy())) for k in npz.files
                                        if not k.startswith("__"))
    for k in [k for k in state if k.endswith("running_var")]:
        state[k.replace("running_var", "num_batches_tracked")] = torch.tensor(100, dtype=torch.int64)
    save_file({k: v.contiguous() for k, v in state.items()}, os.path.join(out, "resnet20.safetensors"),
              metadata={"format": "pt", "source": "zoo4j make_format_fixtures.py"})
    torch.save({"epoch": 3, "best_acc": 0.5,
                "state_dict": collections.OrderedDict(("module." + k, v) for k, v in state.items())},
               os.path.join(out, "resnet20.pth"))

    save_file(dict(known_tensors()), os.path.join(out, "dtypes.safetensors"), metadata={"note": "known values"})
    torch.save(known_pth(), os.path.join(out, "dtypes.pth"))


if __name__ == "__main__":
    main(sys.argv[1])
