"""Fixtures for zoo4j's Java reader of PyTorch's legacy checkpoint format (torch.save before 1.6, or with
_use_new_zipfile_serialization=False), as the CIFAR checkpoints of 2017-2019 were published:

  dtypes-legacy.pth   a training script's checkpoint dict, {'epoch', 'best_prec1', 'state_dict', 'optimizer'}: the
                      state dict of make_format_fixtures.py's known tensors (F32, F16, BF16, F64, I64 and a transposed
                      view) and an SGD optimizer's state keyed by parameter index, with momentum buffers

  /usr/bin/python3 tools/torch/make_legacy_fixtures.py zoo/src/test/resources/torch     (Debian's python3-torch)
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_format_fixtures import known_pth  # noqa: E402


def main(out):
    weight = torch.nn.Parameter(torch.ones(2, 2))
    optimizer = torch.optim.SGD([weight], lr=0.1, momentum=0.9)
    weight.sum().backward()
    optimizer.step()  # the state now holds a momentum buffer, keyed by the parameter's index 0
    torch.save({"epoch": 164, "best_prec1": 91.7, "state_dict": known_pth(), "optimizer": optimizer.state_dict()},
               os.path.join(out, "dtypes-legacy.pth"), _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    main(sys.argv[1])
