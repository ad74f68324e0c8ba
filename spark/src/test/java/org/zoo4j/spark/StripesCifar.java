package org.zoo4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A learnable CIFAR-10 directory the tests write: noise images in which class {@code c} has a bright band of rows
 * {@code 3c..3c+2}; five batch files.
 */
final class StripesCifar {

    private StripesCifar() {
    }

    static Path write(Path root, int perFile) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Random random = new Random(11);
        for (int f = 1; f <= 5; f++) {
            byte[] data = new byte[perFile * 3073];
            for (int r = 0; r < perFile; r++) {
                int label = r % 10;
                data[r * 3073] = (byte) label;
                for (int p = 0; p < 3072; p++) {
                    int row = p % 1024 / 32;
                    boolean band = row / 3 == label;
                    data[r * 3073 + 1 + p] = (byte) (band ? 200 + random.nextInt(56) : random.nextInt(120));
                }
            }
            Files.write(dir.resolve("data_batch_" + f + ".bin"), data);
        }
        return dir;
    }
}
