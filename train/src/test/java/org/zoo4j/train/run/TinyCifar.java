package org.zoo4j.train.run;

import org.zoo4j.data.Augmentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A CIFAR-10 directory the tests write: five batch files of random images whose label is record % 10. */
public final class TinyCifar {

    private TinyCifar() {
    }

    public static Path write(Path root, int perFile) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Random random = new Random(perFile);
        for (int f = 1; f <= 5; f++) {
            byte[] data = new byte[perFile * 3073];
            for (int r = 0; r < perFile; r++) {
                data[r * 3073] = (byte) (r % 10);
                for (int p = 1; p < 3073; p++) {
                    data[r * 3073 + p] = (byte) random.nextInt(256);
                }
            }
            Files.write(dir.resolve("data_batch_" + f + ".bin"), data);
        }
        return dir;
    }

    /** Settings for a fast run: resnet20, batch 16, crop + flip, a 16-record hold-out, seed 7. */
    public static RunSettings settings(Path data, int epochs, double lr) {
        RunSettings base = RunSettings.of(Recipe.STANDARD, "resnet20");
        var h = base.hyperparameters();
        return new RunSettings("resnet20", DataSource.of(data.toString()), 0, new ValidationSplit.Count(16),
                Augmentation.STANDARD, base.normalization(), base.format(),
                new org.zoo4j.train.Hyperparameters(epochs, 16, h.optimizer(), lr, h.momentum(),
                h.nesterov(), h.weightDecay(), h.schedule(), 0, 7, 0, 0, false), null, false);
    }
}
