"""Keras fixtures for `zoo4j import-keras`: the seed notebook's VGG13 and ResNet18 (its cells, with the layer widths
as parameters so that small versions can be committed), random weights with BatchNorm moving statistics calibrated on
standardised data, saved as Keras writes a whole model to .h5 (`model.save("m.h5")`, Keras 3's legacy-HDF5 layout),
plus an .npz with a fixed input batch and Keras' logits and softmax.

  python tools/keras/make_fixtures.py --out zoo/src/test/resources/keras --small      # committed, a few hundred KB
  python tools/keras/make_fixtures.py --out /tmp/keras                                  # the notebook's sizes

With --keras2 each .h5 is also written in Keras 2's naming (datasets named `kernel:0`), renamed with h5py.
Needs tensorflow-cpu (pip) and h5py.
"""
import argparse
import os

import h5py
import numpy as np
from tensorflow.keras import Input, Model, Sequential, layers

NOTEBOOK = {"vgg13": [64, 64, 128, 128, 256, 256, 512, 512, 512, 512], "resnet18_seed": [64, 128, 256, 512]}
SMALL = {"vgg13": [8, 8, 8, 8, 16, 16, 16, 16, 16, 16], "resnet18_seed": [8, 8, 16, 16]}


def vgg13(filters):
    """The notebook's `conv_layers` Sequential: five stages of two SAME 3x3 convs (ReLU) and a SAME 2x2 max pool,
    then Flatten, Dense 256 and 128 (ReLU) and the 10 logits."""
    conv_layers = []
    for stage in range(5):
        for conv in range(2):
            kwargs = {"input_shape": (32, 32, 3)} if not conv_layers else {}
            conv_layers.append(layers.Conv2D(filters[2 * stage + conv], kernel_size=(3, 3), padding="SAME",
                                             activation="relu", **kwargs))
        conv_layers.append(layers.MaxPool2D(pool_size=(2, 2), strides=2, padding="same"))
    conv_layers += [layers.Flatten(), layers.Dense(256, activation="relu"), layers.Dense(128, activation="relu"),
                    layers.Dense(10, activation=None)]
    return Sequential(conv_layers)


def resnet18_seed(widths, layer_dims=(2, 2, 2, 2), num_classe=10):
    """The notebook's functional `resnet(layer_dims, input_shape, num_classe)`."""
    def resblock(x, filter_num, stride=1):
        conv = layers.Conv2D(filter_num, (3, 3), strides=stride, padding="SAME")
        bn1 = layers.BatchNormalization()
        relu = layers.ReLU()
        conv2 = layers.Conv2D(filter_num, (3, 3), strides=1, padding="SAME")
        bn2 = layers.BatchNormalization()
        downsample = layers.Conv2D(filter_num, (1, 1), strides=stride) if stride != 1 else (lambda t: t)
        out = bn2(conv2(relu(bn1(conv(x)))))
        return layers.ReLU()(layers.add([out, downsample(x)]))

    inputs = Input((32, 32, 3))
    x = layers.Conv2D(widths[0], (3, 3), strides=(1, 1))(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.MaxPool2D(pool_size=(2, 2), strides=(1, 1), padding="same")(x)
    for stage, width in enumerate(widths):
        for block in range(layer_dims[stage]):
            x = resblock(x, width, stride=2 if stage > 0 and block == 0 else 1)
    x = layers.GlobalAveragePooling2D()(x)
    return Model(inputs=inputs, outputs=layers.Dense(num_classe)(x))


def calibrate(model, rng):
    """BatchNorm moving statistics from train-mode passes over standardised data, gamma/beta spread around 1/0."""
    norms = [l for l in model.layers if isinstance(l, layers.BatchNormalization)]
    for layer in norms:
        layer.momentum = 0.5
    for _ in range(6):
        model(rng.standard_normal((16, 32, 32, 3)).astype(np.float32), training=True)
    for layer in norms:
        layer.momentum = 0.99
        gamma, beta, mean, var = layer.get_weights()
        layer.set_weights([rng.uniform(0.75, 1.25, gamma.shape).astype(np.float32),
                           rng.uniform(-0.1, 0.1, beta.shape).astype(np.float32), mean, var])


def to_keras2(path):
    """Keras 2 named every weight dataset `<name>:0`; rename the datasets of a Keras 3 file that way."""
    with h5py.File(path, "r+") as f:
        names = []
        f["model_weights"].visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Dataset) else None)
        for name in names:
            f["model_weights"].move(name, name + ":0")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--small", action="store_true", help="narrow layers (committed test fixtures)")
    p.add_argument("--keras2", action="store_true", help="also write <model>-keras2.h5 with Keras 2's names")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    widths = SMALL if a.small else NOTEBOOK
    rng = np.random.default_rng(1234)
    for name, build in (("vgg13", vgg13), ("resnet18_seed", resnet18_seed)):
        model = build(widths[name])
        calibrate(model, rng)
        x = rng.standard_normal((4, 32, 32, 3)).astype(np.float32)
        head = model.layers[-1]  # logits spread over a few units, so that they depend visibly on the input
        kernel, bias = head.get_weights()
        head.set_weights([kernel * (2.0 / model(x, training=False).numpy().std()), bias])
        logits = model(x, training=False).numpy()
        softmax = np.exp(logits - logits.max(1, keepdims=True))
        softmax /= softmax.sum(1, keepdims=True)
        h5 = os.path.join(a.out, name + ".h5")
        model.save(h5)
        np.savez_compressed(os.path.join(a.out, name + ".npz"), input_nhwc=x, logits=logits, softmax=softmax,
                            widths=np.array(widths[name]))
        if a.keras2:
            import shutil
            shutil.copy(h5, os.path.join(a.out, name + "-keras2.h5"))
            to_keras2(os.path.join(a.out, name + "-keras2.h5"))
        print("wrote", h5, "logits range", float(logits.min()), float(logits.max()))


if __name__ == "__main__":
    main()
