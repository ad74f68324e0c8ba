package org.zoo4j.data;

/**
 * Training-time augmentation, applied per image with seeded randomness.
 *
 * @param cropPadding random crop from the image zero-padded by this many pixels on each side (0 = off); padding is
 *                    black pixels, normalised like any other (torchvision's {@code RandomCrop(32, padding)})
 * @param flip        random horizontal flip with probability 1/2
 * @param cutout      side of a square, centred at a random pixel, set to 0 after normalisation (DeVries and Taylor
 *                    2017; 0 = off)
 */
public record Augmentation(int cropPadding, boolean flip, int cutout) implements java.io.Serializable {

    /** No augmentation, for evaluation. */
    public static final Augmentation NONE = new Augmentation(0, false, 0);
    /** The standard CIFAR recipe: 4-pixel padded random crop and horizontal flip. */
    public static final Augmentation STANDARD = new Augmentation(4, true, 0);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
        if (cutout < 0) {
            throw new IllegalArgumentException("cutout size must be >= 0, got " + cutout);
        }
    }

    /** @throws IllegalArgumentException when padding or cutout is larger than a {@code size x size} image */
    public void requireFits(int size) {
        if (cropPadding > size || cutout > size) {
            throw new IllegalArgumentException("crop padding and cutout must be at most the image side (" + size
                    + "), got " + cropPadding + " and " + cutout);
        }
    }

    public boolean none() {
        return cropPadding == 0 && !flip && cutout == 0;
    }
}
