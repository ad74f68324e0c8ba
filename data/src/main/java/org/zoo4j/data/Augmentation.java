package org.zoo4j.data;

import org.zoo4j.core.Normalization;

import java.util.ArrayList;
import java.util.List;

/**
 * Training-time augmentation as a run's settings record it; {@link #transform} makes it the pipeline of
 * {@link Transforms} the data goes through.
 *
 * @param cropPadding random crop from the image zero-padded by this many pixels on each side (0 = off); padding is
 *                    black pixels, normalised like any other (torchvision's {@code RandomCrop(32, padding)}); for
 *                    inputs of {@link #LARGE_INPUT} pixels or more, a random resized crop instead
 * @param flip        random horizontal flip with probability 1/2
 * @param cutout      side of a square, centred at a random pixel, painted in the normalisation's mean colour, which
 *                    is 0 after normalisation (DeVries and Taylor 2017; 0 = off)
 */
public record Augmentation(int cropPadding, boolean flip, int cutout) implements java.io.Serializable {

    /** No augmentation, for evaluation. */
    public static final Augmentation NONE = new Augmentation(0, false, 0);
    /** The standard CIFAR recipe: 4-pixel padded random crop and horizontal flip. */
    public static final Augmentation STANDARD = new Augmentation(4, true, 0);
    /** From this input side on, the crop is ImageNet's random resized crop rather than a padded shift. */
    public static final int LARGE_INPUT = 64;

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
        if (cutout < 0) {
            throw new IllegalArgumentException("cutout size must be >= 0, got " + cutout);
        }
    }

    public boolean none() {
        return cropPadding == 0 && !flip && cutout == 0;
    }

    /**
     * The pipeline for a model taking {@code height x width} inputs normalised by {@code normalization}: inputs below
     * {@link #LARGE_INPUT} are fitted to the input, then cropped from the padded image, flipped and cut out, in that
     * order (torchvision's CIFAR recipe); larger inputs get a random resized crop to the input, flip and cutout.
     *
     * @throws IllegalArgumentException when a small input is padded or cut out by more than its side
     */
    public Transform transform(int height, int width, Normalization normalization) {
        int side = Math.min(height, width);
        boolean large = side >= LARGE_INPUT;
        if (!large && (cropPadding > side || cutout > side)) {
            throw new IllegalArgumentException("crop padding and cutout must be at most the image side (" + side
                    + "), got " + cropPadding + " and " + cutout);
        }
        List<Transform> steps = new ArrayList<>();
        if (cropPadding > 0) {
            steps.add(large ? Transforms.randomResizedCrop(height, width) : Transforms.resize(height, width)
                    .andThen(Transforms.randomCrop(cropPadding)));
        }
        if (flip) {
            steps.add(Transforms.horizontalFlip());
        }
        if (cutout > 0) {
            steps.add(Transforms.resize(height, width).andThen(Transforms.cutout(cutout, meanColour(normalization))));
        }
        return Transform.compose(steps);
    }

    /** The 0xRRGGBB pixel nearest the normalisation's mean. */
    private static int meanColour(Normalization normalization) {
        if (normalization.channels() != 3) {
            throw new IllegalArgumentException("the images are RGB, the normalisation has " + normalization.channels()
                    + " channels");
        }
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            float mean = normalization.mean()[c] * (normalization.scaleTo01() ? 255f : 1f);
            rgb = rgb << 8 | Math.max(0, Math.min(255, Math.round(mean)));
        }
        return rgb;
    }
}
