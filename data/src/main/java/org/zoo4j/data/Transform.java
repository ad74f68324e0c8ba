package org.zoo4j.data;

import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One step of an image pipeline, as torchvision's {@code transforms}: an image in, an image out, with the image's
 * own random generator (so that an epoch can be replayed). Steps compose with {@link #andThen}; {@link Transforms}
 * has the standard ones. Serializable, as iterators travel to Spark executors with their pipeline.
 */
@FunctionalInterface
public interface Transform extends Serializable {

    /** The transformed image; {@code image} itself is left as it was. */
    BufferedImage apply(BufferedImage image, SplittableRandom random);

    /** This step, then {@code next}. */
    default Transform andThen(Transform next) {
        return (image, random) -> next.apply(apply(image, random), random);
    }

    /** The steps in order; none gives the image unchanged. */
    static Transform compose(List<Transform> steps) {
        return steps.stream().reduce(Transform.identity(), Transform::andThen);
    }

    static Transform identity() {
        return (image, random) -> image;
    }
}
