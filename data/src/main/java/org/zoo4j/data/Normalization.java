package org.zoo4j.data;

/** How pixel bytes become network inputs. */
public enum Normalization {
    /** Raw values 0..255. */
    NONE,
    /** value / 255, in [0, 1]: the seed notebook's choice. */
    SCALE_01,
    /** (value / 255 - mean) / std per channel, with CIFAR-10's training statistics: the usual CIFAR recipe. */
    STANDARDIZE;

    /** The input value of each byte 0..255, per channel: a lookup table for the iterator's inner loop. */
    float[][] table() {
        float[][] table = new float[Cifar10.CHANNELS][256];
        for (int c = 0; c < Cifar10.CHANNELS; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = switch (this) {
                    case NONE -> v;
                    case SCALE_01 -> v / 255f;
                    case STANDARDIZE -> (v / 255f - Cifar10.MEAN[c]) / Cifar10.STD[c];
                };
            }
        }
        return table;
    }
}
