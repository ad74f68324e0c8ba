"""Writes CIFAR-10 binaries as the two image folders of the transfer-learning demonstration (tools/demo/transfer.sh):

  A/  the first five classes (airplane..deer): train/ from data_batch_1-4 (20,000 images), val/ from data_batch_5
  B/  the other five (dog..truck): train/ the first 100 images per class of data_batch_1-4, val/ all of data_batch_5

  /usr/bin/python3 tools/demo/cifar_folders.py CIFAR_DIR OUT_DIR
"""
import os
import sys

import numpy as np
from PIL import Image

RECORD = 1 + 3 * 32 * 32


def records(path):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, RECORD)
    return raw[:, 0], raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)


def write(out, split, name, images):
    folder = os.path.join(out, split, name)
    os.makedirs(folder, exist_ok=True)
    for i, pixels in enumerate(images):
        Image.fromarray(pixels).save(os.path.join(folder, f"{i:05d}.png"))


def main():
    source, out = sys.argv[1], sys.argv[2]
    names = [line.strip() for line in open(os.path.join(source, "batches.meta.txt")) if line.strip()]
    train = [records(os.path.join(source, f"data_batch_{b}.bin")) for b in range(1, 5)]
    labels = np.concatenate([t[0] for t in train])
    pixels = np.concatenate([t[1] for t in train])
    val_labels, val_pixels = records(os.path.join(source, "data_batch_5.bin"))
    for c, name in enumerate(names):
        part = "A" if c < 5 else "B"
        chosen = pixels[labels == c]
        write(os.path.join(out, part), "train", name, chosen if part == "A" else chosen[:100])
        write(os.path.join(out, part), "val", name, val_pixels[val_labels == c])
    print(f"wrote {out}/A (5 classes, {int((labels < 5).sum())} training images) and {out}/B (5 classes, 100 each)")


if __name__ == "__main__":
    main()
