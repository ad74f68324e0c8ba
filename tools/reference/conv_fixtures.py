"""Parity fixtures for zoo4j's convolution variants, computed with PyTorch (float32, fixed seed).

Writes layers-ext/src/test/resources/conv-parity.npz: for each case `<kind>_<i>_x` (NCHW input), the weights in
PyTorch layout, `_y` (the expected output) and `_cfg` (the layer settings, int32; see the CFG_* comments).
TensorFlow SAME padding (extra at bottom/right) is applied explicitly with F.pad, since PyTorch has no strided SAME.

Run: /usr/bin/python3 tools/reference/conv_fixtures.py
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "layers-ext", "src", "test", "resources", "conv-parity.npz")


def tf_same_pad(x, k, s, d):
    """F.pad arguments reproducing TensorFlow SAME for a square kernel."""
    ke = k + (k - 1) * (d - 1)
    pads = []
    for size in (x.shape[3], x.shape[2]):  # F.pad wants last dim first: width, then height
        total = max((math.ceil(size / s) - 1) * s + ke - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


def dilated(rng, k, s, d, same, bias, size=9, cin=3, cout=4):
    # CFG_DILATED: kernel, stride, dilation, same (1) or valid (0), bias (1/0)
    x = torch.randn(2, cin, size, size, generator=rng)
    w = torch.randn(cout, cin, k, k, generator=rng)
    b = torch.randn(cout, generator=rng) if bias else None
    y = F.conv2d(tf_same_pad(x, k, s, d) if same else x, w, b, stride=s, dilation=d)
    return {"x": x, "w": w, "b": b, "y": y, "cfg": [k, s, d, int(same), int(bias)]}


def transposed_explicit(rng, k, s, d, p, op, bias, size=4, cin=3, cout=2):
    # CFG_TRANSPOSED: kernel, stride, dilation, mode (0 valid, 1 same, 2 explicit), padding, output padding,
    #                 output size (0 = default), bias
    x = torch.randn(2, cin, size, size, generator=rng)
    w = torch.randn(cin, cout, k, k, generator=rng)
    b = torch.randn(cout, generator=rng) if bias else None
    y = F.conv_transpose2d(x, w, b, stride=s, padding=p, output_padding=op, dilation=d)
    return {"x": x, "w": w, "b": b, "y": y, "cfg": [k, s, d, 2, p, op, 0, int(bias)]}


def transposed_tf(rng, k, s, d, same, out_size, bias, size=4, cin=3, cout=2):
    """TensorFlow conv2d_transpose: the full (VALID) transposed convolution, cropped where SAME padding would have
    been, zero-filled past its end when the requested size is longer."""
    x = torch.randn(2, cin, size, size, generator=rng)
    w = torch.randn(cin, cout, k, k, generator=rng)
    b = torch.randn(cout, generator=rng) if bias else None
    ke = k + (k - 1) * (d - 1)
    o = out_size or (size * s if same else (size - 1) * s + ke)
    full = F.conv_transpose2d(x, w, None, stride=s, dilation=d)
    before = max((size - 1) * s + ke - o, 0) // 2 if same else 0
    grow = max(before + o - full.shape[2], 0)
    y = F.pad(full, [0, grow, 0, grow])[:, :, before:before + o, before:before + o]
    if b is not None:
        y = y + b.view(1, -1, 1, 1)
    return {"x": x, "w": w, "b": b, "y": y, "cfg": [k, s, d, int(same), 0, 0, out_size, int(bias)]}


def separable(rng, k, s, d, m, same, bias, size=8, cin=3, cout=5):
    # CFG_SEPARABLE: kernel, stride, dilation, depth multiplier, same (1/0), bias (1/0)
    x = torch.randn(2, cin, size, size, generator=rng)
    dw = torch.randn(cin * m, 1, k, k, generator=rng)
    pw = torch.randn(cout, cin * m, 1, 1, generator=rng)
    b = torch.randn(cout, generator=rng) if bias else None
    depth = F.conv2d(tf_same_pad(x, k, s, d) if same else x, dw, None, stride=s, dilation=d, groups=cin)
    y = F.conv2d(depth, pw, b)
    return {"x": x, "dw": dw, "pw": pw, "b": b, "y": y, "cfg": [k, s, d, m, int(same), int(bias)]}


def main():
    rng = torch.Generator().manual_seed(2024)
    cases = {
        "dilated": [dilated(rng, k, s, d, same, bias)
                    for (k, s, d, same, bias) in [(3, 1, 1, False, True), (3, 1, 2, False, True),
                                                  (3, 1, 2, True, False), (3, 2, 2, True, True),
                                                  (3, 1, 3, True, True), (3, 1, 4, False, False),
                                                  (2, 2, 1, True, True), (5, 2, 2, True, True)]],
        "transposed": [transposed_explicit(rng, k, s, d, p, op, bias)
                       for (k, s, d, p, op, bias) in [(3, 2, 1, 0, 0, True), (3, 2, 1, 0, 1, True),
                                                      (3, 2, 1, 1, 1, False), (4, 2, 1, 1, 0, True),
                                                      (3, 3, 1, 1, 2, True), (3, 1, 2, 1, 0, True),
                                                      (3, 2, 2, 0, 1, True)]]
                      + [transposed_tf(rng, k, s, d, same, o, bias)
                         for (k, s, d, same, o, bias) in [(3, 2, 1, False, 0, True), (3, 2, 1, False, 10, True),
                                                          (3, 2, 1, True, 0, True), (3, 2, 1, True, 7, False),
                                                          (3, 3, 1, True, 0, True), (2, 3, 1, False, 0, True),
                                                          (3, 1, 1, False, 0, True)]],
        "separable": [separable(rng, k, s, d, m, same, bias)
                      for (k, s, d, m, same, bias) in [(3, 1, 1, 1, True, True), (3, 2, 1, 2, True, False),
                                                       (3, 1, 2, 1, False, True), (5, 1, 1, 3, True, True),
                                                       (3, 2, 1, 1, False, True)]],
    }
    arrays = {}
    for kind, items in cases.items():
        for i, case in enumerate(items):
            for key, value in case.items():
                if value is None:
                    continue
                arr = np.asarray(value, dtype=np.int32) if key == "cfg" else value.numpy().astype(np.float32)
                arrays[f"{kind}_{i}_{key}"] = arr
    np.savez(OUT, **arrays)
    print(f"wrote {len(arrays)} arrays to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()


def notebook_values():
    """The seed notebook's deterministic cells (x = 1..25, the fixed 3x3 kernel), as zoo4j convdemo
    prints them; its test holds these numbers. Run: /usr/bin/python3 -c 'import conv_fixtures as c; c.notebook_values()'"""
    x = torch.arange(1, 26, dtype=torch.float32).reshape(1, 1, 5, 5)
    w = torch.tensor([[-1, 2, -3.], [4, -5, 6], [-7, 8, -9]]).reshape(1, 1, 3, 3)
    out = F.conv2d(x, w, stride=2)
    print("conv stride 2 VALID:", out.flatten().tolist())
    print("transposed back to 5x5:", F.conv_transpose2d(out, w, stride=2).flatten().tolist())
    print("transposed to 6x6 (output padding 1):", F.conv_transpose2d(out, w, stride=2, output_padding=1).flatten().tolist())
