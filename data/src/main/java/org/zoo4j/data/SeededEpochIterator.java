package org.zoo4j.data;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.Normalization;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.io.Serializable;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The epoch bookkeeping of zoo4j's iterators: a seeded permutation per epoch, and a random generator per item that
 * depends only on the seed, the epoch and the item's position in it, so that any epoch can be replayed exactly
 * ({@link #setEpoch}). Subclasses turn the chosen items into a batch.
 */
abstract class SeededEpochIterator implements EpochIterator, Serializable {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private DataSetPreProcessor preProcessor;
    private int epoch;
    private int cursor;
    private int[] order;

    SeededEpochIterator(int size, int batchSize, boolean shuffle, long seed, String source) {
        if (size == 0) {
            throw new IllegalArgumentException(source + ": nothing to iterate");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = orderFor(0);
    }

    /** The same settings as {@code other}, at the start of epoch 0. */
    SeededEpochIterator(SeededEpochIterator other) {
        this.size = other.size;
        this.batchSize = other.batchSize;
        this.shuffle = other.shuffle;
        this.seed = other.seed;
        this.preProcessor = other.preProcessor;
        this.order = orderFor(0);
    }

    /** The batch of these items (indices into the data), each with its own generator for augmentation. */
    abstract DataSet batch(int[] items, SplittableRandom[] randoms);

    /** The epoch the next batches belong to (0-based). */
    public int epoch() {
        return epoch;
    }

    /** Continues at the start of {@code epoch}, with that epoch's order and augmentation, e.g. when resuming. */
    @Override
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
        this.cursor = 0;
        this.order = orderFor(epoch);
    }

    @Override
    public void setPosition(int epoch, int batchesDone) {
        if (batchesDone < 0) {
            throw new IllegalArgumentException("batches done must be >= 0, got " + batchesDone);
        }
        setEpoch(epoch);
        cursor = (int) Math.min(size, (long) batchesDone * batchSize);
    }

    @Override
    public int batchesPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return cursor < size;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is finished: call reset()");
        }
        int n = Math.min(Math.min(num, batchSize), size - cursor);
        int[] items = new int[n];
        SplittableRandom[] randoms = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            items[i] = order[cursor + i];
            randoms[i] = new SplittableRandom(mix(seed, epoch, cursor + i));
        }
        cursor += n;
        DataSet batch = batch(items, randoms);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    private int[] orderFor(int epoch) {
        return shuffle ? HoldOut.permutation(size, new Random(mix(seed, epoch, -1))) : IntStream.range(0, size).toArray();
    }

    /** A well-spread 64-bit seed from (seed, epoch, position), SplitMix64-style. */
    static long mix(long seed, long epoch, long position) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + position * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Starts the next epoch (DL4J calls this before each epoch; before the first batch it changes nothing). */
    @Override
    public void reset() {
        if (cursor > 0) {
            setEpoch(epoch + 1);
        }
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** What every zoo4j iterator is built with: batch size, seed, layout and RGB normalisation. */
    public abstract static class Builder<B extends Builder<B>> {
        int batchSize;
        long seed = 42;
        CNN2DFormat format = CNN2DFormat.NCHW;
        Normalization normalization;

        Builder(int batchSize, Normalization normalization) {
            this.batchSize = batchSize;
            this.normalization = normalization;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public B batchSize(int size) {
            if (size < 1) {
                throw new InvalidSettingException(EpochIterator.BATCH_SIZE, "must be >= 1, got " + size);
            }
            this.batchSize = size;
            return self();
        }

        /** Seeds the order of each epoch and each image's augmentation (default 42). */
        public B seed(long value) {
            this.seed = value;
            return self();
        }

        public B dataFormat(CNN2DFormat layout) {
            this.format = Objects.requireNonNull(layout, "layout");
            return self();
        }

        /** How pixels become inputs; the images are RGB, so three channels. */
        public B normalization(Normalization pixels) {
            if (pixels.channels() != 3) {
                throw new IllegalArgumentException("the images are RGB, the normalisation has " + pixels.channels()
                        + " channels");
            }
            this.normalization = pixels;
            return self();
        }
    }
}
