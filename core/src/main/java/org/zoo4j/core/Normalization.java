package org.zoo4j.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * How pixel bytes become network inputs, in torchvision's convention: {@code (pixel / 255 - mean) / std} per channel
 * with mean and std in [0, 1] pixel units, or {@code (pixel - mean) / std} on raw 0..255 values when
 * {@code scaleTo01} is false. Model files record it, so inference preprocesses as training did.
 *
 * @param mean one value per channel (RGB order)
 * @param std  one positive value per channel
 */
public record Normalization(boolean scaleTo01, float[] mean, float[] std) {

    private static final float[] ZERO = {0, 0, 0};
    private static final float[] ONE = {1, 1, 1};

    /** Raw values 0..255. */
    public static final Normalization NONE = new Normalization(false, ZERO, ONE);
    /** value / 255, in [0, 1]: the seed notebook's choice. */
    public static final Normalization SCALE_01 = new Normalization(true, ZERO, ONE);
    /** CIFAR-10's per-channel mean and std of its 50,000 training images: the usual CIFAR recipe. */
    public static final Normalization CIFAR10 = new Normalization(true, new float[]{0.4914f, 0.4822f, 0.4465f},
            new float[]{0.2470f, 0.2435f, 0.2616f});
    /** ImageNet's statistics, as torchvision's pretrained models expect them. */
    public static final Normalization IMAGENET = new Normalization(true, new float[]{0.485f, 0.456f, 0.406f},
            new float[]{0.229f, 0.224f, 0.225f});

    public Normalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalization needs one mean and one std per channel, got mean "
                    + Arrays.toString(mean) + ", std " + Arrays.toString(std));
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("normalization std must be positive, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    public int channels() {
        return mean.length;
    }

    /** The input value of each byte 0..255, per channel: a lookup table for data loaders' inner loops. */
    public float[][] table() {
        float[][] table = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = ((scaleTo01 ? v / 255f : v) - mean[c]) / std[c];
            }
        }
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.scaleTo01 == scaleTo01 && Arrays.equals(n.mean, mean)
                && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Boolean.hashCode(scaleTo01) + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        String scale = scaleTo01 ? "pixels / 255" : "pixels 0..255";
        if (Arrays.equals(mean, ZERO) && Arrays.equals(std, ONE)) {
            return scale;
        }
        return String.format(Locale.ROOT, "(%s - mean %s) / std %s", scale, Arrays.toString(mean), Arrays.toString(std));
    }
}
