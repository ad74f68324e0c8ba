package org.zoo4j.data;

import org.zoo4j.core.Normalization;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The training data path: CIFAR-10 records to normalised, augmented minibatches with one-hot labels, in NCHW or NHWC.
 * Each epoch is shuffled with a seeded permutation; the augmentation of an image depends only on the seed, the epoch
 * and its position in the epoch, so the same seed gives the same batches and a resumed run sees the same data as an
 * uninterrupted one ({@link #setEpoch}). Pixels are filled in a primitive array in one pass (normalisation by table
 * lookup), then copied into an ND4J array. DL4J's {@code fit} prefetches it on a background thread
 * ({@link #asyncSupported()}).
 */
public final class CifarIterator extends SeededEpochIterator {

    private static final int PLANE = Cifar10.SIZE * Cifar10.SIZE;

    private final CifarRecords records;
    private final int batchSize;
    private final Augmentation augmentation;
    private final CNN2DFormat format;
    private final float[][] table;
    private final float[] features;
    private final float[] labels;

    private CifarIterator(Builder b) {
        super(b.records.size(), b.batchSize, b.shuffle, b.seed, b.records.source());
        this.records = b.records;
        this.batchSize = b.batchSize;
        this.augmentation = b.augmentation;
        this.format = b.format;
        this.table = b.normalization.table();
        this.features = new float[batchSize * Cifar10.IMAGE_BYTES];
        this.labels = new float[batchSize * Cifar10.CLASSES];
    }

    private CifarIterator(CifarIterator other) {
        super(other);
        this.records = other.records;
        this.batchSize = other.batchSize;
        this.augmentation = other.augmentation;
        this.format = other.format;
        this.table = other.table;
        this.features = new float[batchSize * Cifar10.IMAGE_BYTES];
        this.labels = new float[batchSize * Cifar10.CLASSES];
    }

    @Override
    public CifarIterator copy() {
        return new CifarIterator(this);
    }

    public static Builder builder(CifarRecords records) {
        return new Builder(records);
    }

    @Override
    DataSet batch(int[] items, SplittableRandom[] randoms) {
        int n = items.length;
        java.util.Arrays.fill(labels, 0, n * Cifar10.CLASSES, 0f);
        for (int i = 0; i < n; i++) {
            fill(i, items[i], randoms[i]);
            labels[i * Cifar10.CLASSES + records.label(items[i])] = 1f;
        }
        long[] shape = format == CNN2DFormat.NCHW
                ? new long[]{n, Cifar10.CHANNELS, Cifar10.SIZE, Cifar10.SIZE}
                : new long[]{n, Cifar10.SIZE, Cifar10.SIZE, Cifar10.CHANNELS};
        INDArray x = Nd4j.create(n == batchSize ? features : java.util.Arrays.copyOf(features, n * Cifar10.IMAGE_BYTES),
                shape, 'c');
        INDArray y = Nd4j.create(n == batchSize ? labels : java.util.Arrays.copyOf(labels, n * Cifar10.CLASSES),
                new long[]{n, Cifar10.CLASSES}, 'c');
        return new DataSet(x, y);
    }

    /** Writes image {@code record}, cropped, flipped, normalised and cut out, at batch position {@code slot}. */
    private void fill(int slot, int record, SplittableRandom random) {
        int size = Cifar10.SIZE;
        int pad = augmentation.cropPadding();
        int dy = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
        int dx = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
        boolean flip = augmentation.flip() && random.nextBoolean();
        byte[] pixels = records.pixelArray();
        int base = record * Cifar10.IMAGE_BYTES;
        boolean nchw = format == CNN2DFormat.NCHW;
        for (int c = 0; c < Cifar10.CHANNELS; c++) {
            float[] lookup = table[c];
            int plane = base + c * PLANE;
            for (int y = 0; y < size; y++) {
                int sy = y + dy;
                boolean rowInside = sy >= 0 && sy < size;
                for (int x = 0; x < size; x++) {
                    int sx = (flip ? size - 1 - x : x) + dx;
                    float v = rowInside && sx >= 0 && sx < size
                            ? lookup[pixels[plane + sy * size + sx] & 0xff] : lookup[0];
                    features[index(slot, c, y, x, nchw)] = v;
                }
            }
        }
        int side = augmentation.cutout();
        if (side > 0) {
            int cy = random.nextInt(size);
            int cx = random.nextInt(size);
            for (int y = Math.max(0, cy - side / 2); y < Math.min(size, cy - side / 2 + side); y++) {
                for (int x = Math.max(0, cx - side / 2); x < Math.min(size, cx - side / 2 + side); x++) {
                    for (int c = 0; c < Cifar10.CHANNELS; c++) {
                        features[index(slot, c, y, x, nchw)] = 0f;
                    }
                }
            }
        }
    }

    private static int index(int slot, int c, int y, int x, boolean nchw) {
        return nchw
                ? ((slot * Cifar10.CHANNELS + c) * Cifar10.SIZE + y) * Cifar10.SIZE + x
                : ((slot * Cifar10.SIZE + y) * Cifar10.SIZE + x) * Cifar10.CHANNELS + c;
    }

    @Override
    public int inputColumns() {
        return Cifar10.IMAGE_BYTES;
    }

    @Override
    public int totalOutcomes() {
        return Cifar10.CLASSES;
    }

    @Override
    public List<String> getLabels() {
        return records.classNames();
    }

    /** Settings; defaults: batch 128, CIFAR-10 standardisation, no augmentation, shuffled, seed 42, NCHW. */
    public static final class Builder extends SeededEpochIterator.Builder<Builder> {
        private final CifarRecords records;
        private Augmentation augmentation = Augmentation.NONE;
        private boolean shuffle = true;

        private Builder(CifarRecords records) {
            super(128, Normalization.CIFAR10);
            this.records = Objects.requireNonNull(records, "records");
        }

        /** @throws IllegalArgumentException when it pads or cuts out more than CIFAR-10's 32 pixels */
        public Builder augmentation(Augmentation augmentation) {
            augmentation.requireFits(Cifar10.SIZE);
            this.augmentation = augmentation;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public CifarIterator build() {
            return new CifarIterator(this);
        }
    }
}
