"""Builds the CIFAR-10 sample zoo4j ships for demos and the default training run.

Takes the first 250 records of each class among records 0-3999 of data_batch_1.bin (those records are lossless in
the copy this project was given; see its PROVENANCE.txt), keeps them in their original order, and writes them in the
CIFAR-10 binary record layout, gzip-compressed. Python standard library only.

Run: python3 tools/make_cifar_sample.py ../shared/data/cifar-10-batches-bin/data_batch_1.bin
"""
import gzip
import hashlib
import os
import sys

RECORD = 3073
PER_CLASS = 250
FIRST = 4000
OUT = os.path.join(os.path.dirname(__file__), "..", "data", "src", "main", "resources", "org", "zoo4j", "data",
                   "cifar10-sample.bin.gz")


def main(source):
    data = open(source, "rb").read()
    taken, counts = [], [0] * 10
    for i in range(FIRST):
        record = data[i * RECORD:(i + 1) * RECORD]
        label = record[0]
        if counts[label] < PER_CLASS:
            counts[label] += 1
            taken.append((i, record))
    assert all(c == PER_CLASS for c in counts), counts
    payload = b"".join(r for _, r in taken)
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as f:
        f.write(payload)
    print(f"{len(taken)} records (last source index {taken[-1][0]}), sha256 of records "
          f"{hashlib.sha256(payload).hexdigest()}, {os.path.getsize(OUT)} bytes compressed")


if __name__ == "__main__":
    main(sys.argv[1])
