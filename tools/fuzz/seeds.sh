#!/usr/bin/env bash
# Writes the seed inputs of the fuzz tests (*FuzzTest, Jazzer): the default suite replays them, and fuzzing starts from
# them. Seeds are the committed fixtures each reader is tested on (files PyTorch, safetensors, Keras and zoo4j wrote),
# the hand-made hostile files, and small files made here by Debian's python3 (numpy, PIL).
#   tools/fuzz/seeds.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
zoo=zoo/src/test/resources/org/zoo4j
data=data/src/test/resources/org/zoo4j/data/DataFuzzTestInputs
weights=$zoo/zoo/torch/WeightsFuzzTestInputs

mkdir -p "$weights/weightsFile" "$weights/pickle" "$weights/npy" "$zoo/core/file/ModelFileFuzzTestInputs/modelFile" \
  "$zoo/zoo/keras/KerasFuzzTestInputs/h5" "$data/cifarBatch" "$data/cifarArchive" "$data/image"
cp zoo/src/test/resources/torch/{dtypes.pth,dtypes-torch2.pth,dtypes-legacy.pth,dtypes.safetensors} \
  src/test/resources/hostile/{overflow.pth,zeros.pth} zoo/src/test/resources/keras/vgg13.npz "$weights/weightsFile/"
unzip -p zoo/src/test/resources/torch/dtypes.pth 'dtypes/data.pkl' >"$weights/pickle/dtypes.pkl"
unzip -p src/test/resources/hostile/overflow.pth 'archive/data.pkl' >"$weights/pickle/overflow.pkl"
cp zoo/src/test/resources/files/tiny-resnet-7b20195.zip "$zoo/core/file/ModelFileFuzzTestInputs/modelFile/"
cp zoo/src/test/resources/keras/vgg13.h5 "$zoo/zoo/keras/KerasFuzzTestInputs/h5/"

/usr/bin/python3 - "$weights/npy" "$data" <<'PY'
import io, os, sys, tarfile
import numpy as np
from PIL import Image

npy, data = sys.argv[1], sys.argv[2]
ramp = (np.arange(12, dtype=np.float32).reshape(3, 4) / 8 - 0.5)
np.save(os.path.join(npy, "c.npy"), ramp)
np.save(os.path.join(npy, "fortran.npy"), np.asfortranarray(ramp.astype(np.float16)))
np.save(os.path.join(npy, "batch.npy"), np.zeros((1, 3, 4, 4), dtype=np.float32))

rng = np.random.default_rng(0)
records = b"".join(bytes([label]) + rng.integers(0, 256, 3072, dtype=np.uint8).tobytes() for label in (3, 8))
with open(os.path.join(data, "cifarBatch", "two-records.bin"), "wb") as f:
    f.write(records)
with tarfile.open(os.path.join(data, "cifarArchive", "two-records.tar.gz"), "w:gz") as tar:
    info = tarfile.TarInfo("cifar-10-batches-bin/test_batch.bin")
    info.size = len(records)
    tar.addfile(info, io.BytesIO(records))

image = Image.fromarray(rng.integers(0, 256, (6, 5, 3), dtype=np.uint8))
for fmt in ("PNG", "JPEG", "BMP", "GIF"):
    image.save(os.path.join(data, "image", "small." + fmt.lower()), fmt)
PY
echo "seeds written"
