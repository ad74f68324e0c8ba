package org.zoo4j.cli;

import org.zoo4j.data.Augmentation;
import org.zoo4j.core.Normalization;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.EpochIterator;
import org.zoo4j.data.ImageDataset;
import org.zoo4j.data.ImageDatasetIterator;
import org.zoo4j.data.ImageFolder;
import org.zoo4j.train.run.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "bench-data", description = "Measure the input pipeline alone (CIFAR-10 or an image folder's "
        + "train/): images/s on one thread.")
final class BenchDataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--images", defaultValue = "50000", description = "Images per timed run (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Random crop + flip; --no-augment turns it off (default: on).")
    boolean augment;

    @Option(names = "--size", defaultValue = "224", description = "Image folders: the model input side the images "
            + "are cropped and resized to (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || images < 1 || runs < 1 || size < 1) {
            throw new IllegalArgumentException("--batch, --images, --runs and --size must be >= 1");
        }
        boolean folder = data.source() instanceof DataSource.ImageFolderRoot;
        ImageDataset dataset = folder ? ImageFolder.scan(data.source().location().resolve("train"), false)
                : data.trainRecords(spec.commandLine().getErr());
        int side = folder ? size : Cifar10.SIZE;
        Augmentation augmentation = augment ? Augmentation.STANDARD : Augmentation.NONE;
        EpochIterator it = ImageDatasetIterator.builder(dataset, side, side).batchSize(batch).shuffle(true)
                .transform(augmentation.transform(side, side, Normalization.IMAGENET)).build();
        String steps = !augment ? "fit only" : side < Augmentation.LARGE_INPUT ? "pad-crop+flip"
                : "random resized crop+flip";
        double[] rates = new double[runs];
        for (int run = -1; run < runs; run++) {
            long start = System.nanoTime();
            int done = 0;
            while (done < images) {
                if (!it.hasNext()) {
                    it.reset();
                }
                done += it.next().numExamples();
            }
            if (run >= 0) {
                rates[run] = done / ((System.nanoTime() - start) / 1e9);
            }
        }
        Arrays.sort(rates);
        spec.commandLine().getOut().printf("%s at %dx%d, batch %d, augmentation %s: median %.0f images/s (min %.0f,"
                + " max %.0f) over %d runs of %d images, one thread%n", dataset.source(), side, side, batch, steps,
                rates[runs / 2], rates[0], rates[runs - 1], runs, images);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
