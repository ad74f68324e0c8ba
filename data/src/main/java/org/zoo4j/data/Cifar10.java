package org.zoo4j.data;

import org.zoo4j.core.Normalization;
import org.zoo4j.core.file.Labels;

import java.util.List;

/** The CIFAR-10 binary format (its class names and statistics are core's: {@link Labels#cifar10()},
 * {@link Normalization#CIFAR10}). */
public final class Cifar10 {

    public static final int CLASSES = 10;
    public static final int CHANNELS = 3;
    public static final int SIZE = 32;
    /** Pixels of one image: 1,024 red, then 1,024 green, then 1,024 blue bytes, each plane row-major. */
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;
    /** One label byte followed by the image. */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    public static final String META_FILE = "batches.meta.txt";
    /** The class names in label order, as batches.meta.txt lists them. */
    public static final List<String> CLASS_NAMES = Labels.cifar10();

    private Cifar10() {
    }

    /** Which records of the distribution. */
    public enum Split {
        /** data_batch_1..5.bin, 50,000 records. */
        TRAIN,
        /** test_batch.bin, 10,000 records. */
        TEST
    }
}
