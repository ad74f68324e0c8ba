package org.zoo4j.train.run;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.zoo4j.data.Cifar10;
import org.zoo4j.train.LabelSmoothing;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.data.EpochIterator;
import org.zoo4j.data.HoldOut;
import org.zoo4j.data.ImageFolder;
import org.zoo4j.data.ImageDataset;
import org.zoo4j.data.ImageDatasetIterator;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.Normalization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data of a run as its settings name it: CIFAR-10 binaries (or the embedded sample), or an image folder
 * ({@code DIR/train/<class>/*}, with {@code DIR/val} and {@code DIR/test} when present). Gives the training and
 * validation iterators at the model's input size, normalisation and layout.
 *
 * @param validation     null with the split {@code none}
 * @param validationName "validation" (a hold-out or {@code DIR/val}), "test", or null with no validation
 */
public record RunData(EpochIterator train, EpochIterator validation, List<String> labels, int trainSize,
                      String source, String validationName) {

    /** Where the images of a split come from. */
    public enum Split { VAL, TEST }

    /**
     * Reads the run's data for a model taking {@code height x width} inputs.
     *
     * Images of another size (CIFAR-10's 32x32 for an ImageNet model) are fitted to the input, as torchvision's
     * {@code Resize}.
     *
     * @throws IllegalArgumentException when the data does not fit the settings (a test split that does not exist,
     *                                  bad image folders)
     */
    public static RunData load(RunSettings s, int height, int width) throws IOException {
        RunData data = s.data() instanceof DataSource.ImageFolderRoot folder
                ? select(s, trainFolder(folder, s.limit(), s.skipBad()), height, width)
                : select(s, trainRecords(s.data(), s.limit()), height, width);
        if (s.hyperparameters().labelSmoothing() > 0) {
            data.train().setPreProcessor(new LabelSmoothing(s.hyperparameters().labelSmoothing()));
        }
        return data;
    }

    /**
     * Which images train and which validate: with the split {@code none}, all train; an image folder's own
     * {@code DIR/val} validates when there is one; a hold-out split validates on part of the training images; the
     * split {@code 0} on the data's test images.
     */
    private static <D extends ImageDataset & HoldOut<? extends ImageDataset.Partition>> RunData select(RunSettings s,
            D all, int height, int width) throws IOException {
        ValidationSplit split = s.validation();
        if (split instanceof ValidationSplit.None) {
            return of(s, all, null, null, height, width);
        }
        Optional<ImageDataset> own = ownSplit(s.data(), Split.VAL, all.classes(), s.skipBad());
        if (own.isPresent()) {
            return of(s, all, own.get(), "validation", height, width);
        }
        if (split.holdsOut()) {
            ImageDataset.Partition partition = split.partition(all, s.hyperparameters().seed());
            return of(s, partition.train(), partition.validation(), "validation", height, width);
        }
        ImageDataset test = ownSplit(s.data(), Split.TEST, all.classes(), s.skipBad()).orElseThrow(() ->
                new InvalidSettingException(ValidationSplit.SETTING, split.spec() + " validates on the test images, "
                        + "which " + s.data() + " has not: hold out part of the training images (a split such as 0.1)"));
        return of(s, all, test, "test", height, width);
    }

    /** Training (shuffled, augmented) and validation (in order) iterators over the chosen images. */
    private static RunData of(RunSettings s, ImageDataset train, ImageDataset validation, String validationName,
                              int height, int width) {
        EpochIterator trainIt = iterator(train, height, width, s).shuffle(true)
                .transform(s.augmentation().transform(height, width, s.normalization())).build();
        return new RunData(trainIt, validation == null ? null : iterator(validation, height, width, s).build(),
                train.classes(), train.size(), train.source(), validationName);
    }

    private static ImageDatasetIterator.Builder iterator(ImageDataset images, int height, int width, RunSettings s) {
        return ImageDatasetIterator.builder(images, height, width).batchSize(s.hyperparameters().batchSize())
                .normalization(s.normalization()).dataFormat(s.format()).seed(s.hyperparameters().seed())
                .skipBad(s.skipBad());
    }

    /**
     * The images a model of these classes is evaluated on: the data's own images of {@code split} (CIFAR-10's test
     * batch, an image folder's {@code DIR/test} or {@code DIR/val}), or else, for {@code VAL}, the validation part of
     * the training images that {@code holdOut} (asked only then) chooses, as the training run chose it.
     *
     * @throws IllegalArgumentException when the data has no such images, or classes other than the model's
     */
    public static ImageDataset evaluationImages(DataSource data, Split split, Supplier<ValidationSplit> holdOut,
                                                List<String> classes, int limit, long seed, boolean skipBad)
            throws IOException {
        Optional<ImageDataset> own = ownSplit(data, split, classes, skipBad);
        if (own.isEmpty() && split == Split.TEST) {
            throw new IllegalArgumentException(data + " has no test images: evaluate on the validation images, or on "
                    + "data that has test images (CIFAR-10's test_batch.bin, an image folder's test/)");
        }
        ImageDataset images = own.isPresent() ? own.get() : (data instanceof DataSource.ImageFolderRoot folder
                ? holdOut.get().partition(trainFolder(folder, limit, skipBad), seed)
                : holdOut.get().partition(trainRecords(data, limit), seed)).validation();
        if (images.classes().size() != classes.size() || data instanceof DataSource.ImageFolderRoot
                && !images.classes().equals(classes)) {
            throw new IllegalArgumentException(images.source() + " has the classes " + images.classes()
                    + " but the model predicts " + classes);
        }
        return images;
    }

    /**
     * A data source's own images of a split, for the given classes: CIFAR-10's test batch, an image folder's
     * {@code DIR/val} or {@code DIR/test}; empty when it has none (the embedded sample has neither).
     */
    private static Optional<ImageDataset> ownSplit(DataSource data, Split split, List<String> classes,
                                                   boolean skipBad) throws IOException {
        if (data instanceof DataSource.ImageFolderRoot folder) {
            Path dir = folder.location().resolve(split == Split.VAL ? "val" : "test");
            return Files.isDirectory(dir) ? Optional.of(ImageFolder.scan(dir, classes, skipBad)) : Optional.empty();
        }
        return data instanceof DataSource.CifarBinaries && split == Split.TEST
                ? Optional.of(CifarReader.read(data.location(), Cifar10.Split.TEST)) : Optional.empty();
    }

    /** The images of {@code DIR/train}, the first {@code limit} of each class when > 0. */
    private static ImageFolder trainFolder(DataSource.ImageFolderRoot root, int limit, boolean skipBad)
            throws IOException {
        ImageFolder all = ImageFolder.scan(root.location().resolve("train"), skipBad);
        return limit > 0 ? all.perClass(limit) : all;
    }

    /** The CIFAR-10 training records of {@code data} (binaries or the sample), the first {@code limit} when > 0. */
    public static CifarRecords trainRecords(DataSource data, int limit) throws IOException {
        CifarRecords all = data instanceof DataSource.EmbeddedSample ? CifarSample.records()
                : CifarReader.read(data.location(), Cifar10.Split.TRAIN);
        return limit > 0 ? all.limit(limit) : all;
    }

    /** Images as a model with this input, preprocessing and layout takes them, in order, without augmentation. */
    public static ImageDatasetIterator evaluationIterator(ImageDataset images, int batchSize, int height, int width,
                                                          Normalization normalization, CNN2DFormat format) {
        return ImageDatasetIterator.builder(images, height, width).batchSize(batchSize).normalization(normalization)
                .dataFormat(format).build();
    }
}
