package org.zoo4j.data;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Labelled images by index, as torchvision's {@code Dataset}: CIFAR-10 records and image folders alike, so that one
 * iterator ({@link ImageDatasetIterator}) with one pipeline of {@link Transform}s serves both.
 */
public interface ImageDataset {

    int size();

    /** The class of image {@code index}, an index into {@link #classes()}. */
    int label(int index);

    /**
     * Image {@code index} as stored (any size and colour model).
     *
     * @throws UnreadableImageException when it cannot be decoded
     */
    BufferedImage read(int index);

    /** Class names in label order. */
    List<String> classes();

    /** Where the images came from, for messages. */
    String source();

    /** A training part and a validation part of one dataset ({@link HoldOut}). */
    interface Partition {
        ImageDataset train();

        ImageDataset validation();
    }
}
