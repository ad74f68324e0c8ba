package org.zoo4j.data;

import org.zoo4j.core.Images;
import org.zoo4j.core.Normalization;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The data path of every run: images of an {@link ImageDataset} (CIFAR-10 records or an image folder) through a
 * pipeline of {@link Transform}s, {@linkplain Images#fit fitted} to the model's input when the pipeline left another
 * size, normalised, in NCHW or NHWC, with one-hot labels. As torchvision's {@code DataLoader} over a
 * {@code Dataset} with {@code transforms}. Epochs are reproducible: order and augmentation depend only on the seed,
 * the epoch and the position ({@link #setEpoch}). DL4J's {@code fit} prefetches batches on a background thread.
 */
public final class ImageDatasetIterator extends SeededEpochIterator {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ImageDatasetIterator.class);

    private final ImageDataset dataset;
    private final int height;
    private final int width;
    private final Transform transform;
    private final boolean skipBad;
    private final CNN2DFormat format;
    private final float[][] table;

    private ImageDatasetIterator(Builder b) {
        super(b.dataset.size(), b.batchSize, b.shuffle, b.seed, b.dataset.source());
        this.dataset = b.dataset;
        this.height = b.height;
        this.width = b.width;
        this.transform = b.transform.andThen(Transforms.resize(b.height, b.width));
        this.skipBad = b.skipBad;
        this.format = b.format;
        this.table = b.normalization.table();
    }

    private ImageDatasetIterator(ImageDatasetIterator other) {
        super(other);
        this.dataset = other.dataset;
        this.height = other.height;
        this.width = other.width;
        this.transform = other.transform;
        this.skipBad = other.skipBad;
        this.format = other.format;
        this.table = other.table;
    }

    @Override
    public ImageDatasetIterator copy() {
        return new ImageDatasetIterator(this);
    }

    /** An iterator over {@code dataset} for a model taking {@code height x width} inputs. */
    public static Builder builder(ImageDataset dataset, int height, int width) {
        return new Builder(dataset, height, width);
    }

    /**
     * @throws UnreadableImageException naming the file when an image cannot be decoded, unless bad files are skipped:
     *                                  then it is logged and the batch is one image shorter
     */
    @Override
    DataSet batch(int[] items, SplittableRandom[] randoms) {
        List<BufferedImage> images = new ArrayList<>(items.length);
        List<Integer> labels = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            try {
                images.add(transform.apply(dataset.read(items[i]), randoms[i]));
                labels.add(dataset.label(items[i]));
            } catch (UnreadableImageException e) {
                if (!skipBad) {
                    throw e;
                }
                LOG.warn("skipping {}: {}", e.file(), e.problem());
            }
        }
        int n = images.size();
        int classes = dataset.classes().size();
        float[] features = new float[n * Images.CHANNELS * height * width];
        float[] oneHot = new float[n * classes];
        for (int i = 0; i < n; i++) {
            Images.write(images.get(i), features, i, table, format);
            oneHot[i * classes + labels.get(i)] = 1f;
        }
        long[] shape = format == CNN2DFormat.NCHW ? new long[]{n, Images.CHANNELS, height, width}
                : new long[]{n, height, width, Images.CHANNELS};
        return new DataSet(Nd4j.create(features, shape, 'c'), Nd4j.create(oneHot, new long[]{n, classes}, 'c'));
    }

    @Override
    public int inputColumns() {
        return Images.CHANNELS * height * width;
    }

    @Override
    public int totalOutcomes() {
        return dataset.classes().size();
    }

    @Override
    public List<String> getLabels() {
        return dataset.classes();
    }

    /**
     * Settings; defaults: batch 128, no transforms (evaluation: only fitted), in order, seed 42, NCHW, pixels scaled
     * to [0, 1] (torchvision's {@code ToTensor}).
     */
    public static final class Builder extends SeededEpochIterator.Builder<Builder> {
        private final ImageDataset dataset;
        private final int height;
        private final int width;
        private Transform transform = Transform.identity();
        private boolean shuffle;
        private boolean skipBad;

        private Builder(ImageDataset dataset, int height, int width) {
            super(128, Normalization.SCALE_01);
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("input size must be positive, got " + height + "x" + width);
            }
            this.height = height;
            this.width = width;
        }

        /** What happens to each image before it is fitted and normalised: the training augmentation. */
        public Builder transform(Transform steps) {
            this.transform = Objects.requireNonNull(steps, "steps");
            return this;
        }

        /** A new order every epoch (training) or the dataset's order (evaluation, the default). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Skip (and log) images that fail to decode instead of failing. */
        public Builder skipBad(boolean skip) {
            this.skipBad = skip;
            return this;
        }

        public ImageDatasetIterator build() {
            return new ImageDatasetIterator(this);
        }
    }
}
