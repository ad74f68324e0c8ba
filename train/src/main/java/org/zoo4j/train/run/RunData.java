package org.zoo4j.train.run;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.train.LabelSmoothing;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.data.EpochIterator;
import org.zoo4j.data.ImageFolder;
import org.zoo4j.data.ImageFolderIterator;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.Normalization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
     * @throws IllegalArgumentException when the data does not fit the settings (a test split that does not exist,
     *                                  CIFAR-10 for a model of another input size, bad image folders)
     */
    public static RunData load(RunSettings s, int height, int width) throws IOException {
        RunData data = s.data() instanceof DataSource.ImageFolderRoot folder ? folders(s, folder.location(), height,
                width) : cifar(s, height, width);
        if (s.hyperparameters().labelSmoothing() > 0) {
            data.train().setPreProcessor(new LabelSmoothing(s.hyperparameters().labelSmoothing()));
        }
        return data;
    }

    private static RunData cifar(RunSettings s, int height, int width) throws IOException {
        requireCifarSize(height, width);
        CifarRecords all = trainRecords(s.data(), s.limit());
        ValidationSplit split = s.validation();
        CifarRecords.Partition partition = split.holdsOut() ? split.partition(all, s.hyperparameters().seed()) : null;
        CifarRecords train = partition != null ? partition.train() : all;
        CifarRecords validation;
        String validationName;
        if (split instanceof ValidationSplit.None) {
            validation = null;
            validationName = null;
        } else if (partition != null) {
            validation = partition.validation();
            validationName = "validation";
        } else if (s.data() instanceof DataSource.EmbeddedSample) {
            throw new InvalidSettingException(ValidationSplit.SETTING, "0 needs a test split, which the embedded "
                    + "sample has not: hold out validation records (a split such as 0.1), or give the CIFAR-10 data");
        } else {
            validation = CifarReader.read(s.data().location(), Cifar10.Split.TEST);
            validationName = "test";
        }
        CifarIterator trainIt = CifarIterator.builder(train).batchSize(s.hyperparameters().batchSize())
                .normalization(s.normalization()).augmentation(s.augmentation()).shuffle(true)
                .seed(s.hyperparameters().seed()).dataFormat(s.format()).build();
        return new RunData(trainIt, validation == null ? null : evaluationIterator(validation,
                s.hyperparameters().batchSize(), s.normalization(), s.format()), train.classNames(), train.size(),
                train.source(), validationName);
    }

    private static RunData folders(RunSettings s, Path root, int height, int width) throws IOException {
        ImageFolder all = ImageFolder.scan(root.resolve("train"), s.skipBad());
        if (s.limit() > 0) {
            all = all.perClass(s.limit());
        }
        ImageFolder train = all;
        ImageFolder validation;
        String validationName = "validation";
        if (s.validation() instanceof ValidationSplit.None) {
            validation = null;
            validationName = null;
        } else if (Files.isDirectory(root.resolve("val"))) {
            validation = ImageFolder.scan(root.resolve("val"), all.classes(), s.skipBad());
        } else if (s.validation().holdsOut()) {
            ImageFolder.Partition partition = s.validation().partition(all, s.hyperparameters().seed());
            train = partition.train();
            validation = partition.validation();
        } else {
            validation = split(root, Split.TEST, all.classes(), s.skipBad());
            validationName = "test";
        }
        ImageFolderIterator trainIt = folderIterator(train, height, width, s).training(!s.augmentation().none())
                .build();
        return new RunData(trainIt, validation == null ? null : folderIterator(validation, height, width, s).build(),
                train.classes(), train.size(), train.source(), validationName);
    }

    private static ImageFolderIterator.Builder folderIterator(ImageFolder folder, int height, int width,
                                                              RunSettings s) {
        return ImageFolderIterator.builder(folder, height, width).batchSize(s.hyperparameters().batchSize())
                .normalization(s.normalization()).dataFormat(s.format()).seed(s.hyperparameters().seed())
                .skipBad(s.skipBad());
    }

    /**
     * The images of {@code DIR/val} or {@code DIR/test} of an image folder, for the given classes.
     *
     * @throws IllegalArgumentException when the folder has no such split
     */
    public static ImageFolder split(Path root, Split split, List<String> classes, boolean skipBad) throws IOException {
        Path dir = root.resolve(split == Split.VAL ? "val" : "test");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(root + " has no " + dir.getFileName() + "/ folder of images");
        }
        return ImageFolder.scan(dir, classes, skipBad);
    }

    /** The CIFAR-10 training records of {@code data} (binaries or the sample), the first {@code limit} when > 0. */
    public static CifarRecords trainRecords(DataSource data, int limit) throws IOException {
        CifarRecords all = data instanceof DataSource.EmbeddedSample ? CifarSample.records()
                : CifarReader.read(data.location(), Cifar10.Split.TRAIN);
        return limit > 0 ? all.limit(limit) : all;
    }

    /** Records as a model with this preprocessing and layout takes them, in order, without augmentation. */
    public static CifarIterator evaluationIterator(CifarRecords records, int batchSize, Normalization normalization,
                                                   CNN2DFormat format) {
        return CifarIterator.builder(records).batchSize(batchSize).normalization(normalization)
                .augmentation(Augmentation.NONE).shuffle(false).dataFormat(format).build();
    }

    /** Images of a folder as a model with this input, preprocessing and layout takes them, in order. */
    public static ImageFolderIterator evaluationIterator(ImageFolder folder, int batchSize, int height, int width,
                                                         Normalization normalization, CNN2DFormat format) {
        return ImageFolderIterator.builder(folder, height, width).batchSize(batchSize).normalization(normalization)
                .dataFormat(format).build();
    }

    static void requireCifarSize(int height, int width) {
        if (height != Cifar10.SIZE || width != Cifar10.SIZE) {
            throw new IllegalArgumentException("CIFAR-10 images are 32x32 but the model takes " + height + "x" + width
                    + ": train on an image folder, which is resized to the model's input");
        }
    }
}
