package org.zoo4j.data;

import org.junit.jupiter.api.Test;
import org.zoo4j.core.Normalization;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel readers (Spark tasks) get a serialized iterator and copies of it: every copy, positioned anywhere in any
 * epoch, makes exactly the batches the original makes there (order, augmentation).
 */
class IteratorCopyTest {

    @Test
    void cifarCopiesAndSerializedCopiesMakeTheSameBatches() throws Exception {
        EpochIterator original = ImageDatasetIterator.builder(CifarSample.records(), 32, 32).batchSize(32)
                .shuffle(true).transform(Augmentation.STANDARD.transform(32, 32, Normalization.CIFAR10)).seed(5)
                .build();
        assertSameBatches(original, roundTrip(original).copy());
    }

    @Test
    void imageFolderCopiesAndSerializedCopiesMakeTheSameBatches(@TempDir Path tmp) throws Exception {
        for (String c : new String[]{"a", "b"}) {
            Files.createDirectories(tmp.resolve(c));
            for (int i = 0; i < 6; i++) {
                BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
                image.setRGB(i, i, 0xFFFFFF);
                ImageIO.write(image, "png", tmp.resolve(c + "/" + i + ".png").toFile());
            }
        }
        EpochIterator original = ImageDatasetIterator.builder(ImageFolder.scan(tmp, false), 32, 32).batchSize(4)
                .shuffle(true).transform(Augmentation.STANDARD.transform(32, 32, Normalization.IMAGENET)).seed(5)
                .build();
        assertSameBatches(original, roundTrip(original).copy());
    }

    private static void assertSameBatches(EpochIterator original, EpochIterator copy) {
        for (int[] at : new int[][]{{0, 0}, {2, 1}, {3, 2}}) {
            original.setPosition(at[0], at[1]);
            copy.setPosition(at[0], at[1]);
            DataSet a = original.next();
            DataSet b = copy.next();
            assertThat(b.getFeatures().data().asFloat()).as("epoch %d batch %d", at[0], at[1])
                    .containsExactly(a.getFeatures().data().asFloat());
            assertThat(b.getLabels().data().asFloat()).containsExactly(a.getLabels().data().asFloat());
        }
    }

    /** {@code value} through Java serialization, as Spark sends it to an executor. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
