package org.zoo4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * CIFAR-10 records in memory, as the binary format stores them: a label byte and 3,072 pixel bytes (R, G, B planes)
 * per record. Immutable; subsets share nothing with their parent.
 */
public final class CifarRecords {

    private final byte[] labels;
    private final byte[] pixels;
    private final List<String> classNames;
    private final String source;

    CifarRecords(byte[] labels, byte[] pixels, List<String> classNames, String source) {
        if (pixels.length != labels.length * Cifar10.IMAGE_BYTES) {
            throw new IllegalArgumentException(source + ": " + labels.length + " labels but " + pixels.length
                    + " pixel bytes");
        }
        this.labels = labels;
        this.pixels = pixels;
        this.classNames = List.copyOf(classNames);
        this.source = source;
    }

    /** A train/validation partition of one set of records. */
    public record Partition(CifarRecords train, CifarRecords validation) {
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The 3,072 pixel bytes of a record (R plane, G plane, B plane), unsigned values 0..255 as Java bytes. */
    public byte[] image(int index) {
        return Arrays.copyOfRange(pixels, index * Cifar10.IMAGE_BYTES, (index + 1) * Cifar10.IMAGE_BYTES);
    }

    /** Direct access for the iterator's hot loop: record {@code index} starts at {@code index * IMAGE_BYTES}. */
    byte[] pixelArray() {
        return pixels;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Where the records came from (file, archive or sample), for messages. */
    public String source() {
        return source;
    }

    /** Number of records of each class. */
    public int[] classCounts() {
        int[] counts = new int[Cifar10.CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The first {@code n} records (all of them when {@code n} is larger), for quick runs. */
    public CifarRecords limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + n);
        }
        return n >= size() ? this : subset(java.util.stream.IntStream.range(0, n).toArray(), source + " (first " + n + ")");
    }

    /**
     * Holds out {@code count} records, chosen by a seeded shuffle, as validation data; the rest stay for training,
     * in their original order. Same seed, same partition.
     */
    public Partition holdOut(int count, long seed) {
        requireHoldOut(count);
        int[] order = permutation(size(), new Random(seed));
        int[] validation = Arrays.copyOf(order, count);
        int[] train = Arrays.copyOfRange(order, count, order.length);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Partition(subset(train, source + " (train part)"), subset(validation, source + " (validation part)"));
    }

    /** {@link #holdOut(int, long)} with a fraction of the records, rounded to the nearest record. */
    public Partition holdOut(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        return holdOut((int) Math.round(fraction * size()), seed);
    }

    /** Holds out the last {@code count} records (with the full training set, {@code 10000} is data_batch_5). */
    public Partition holdOutLast(int count) {
        requireHoldOut(count);
        int[] train = java.util.stream.IntStream.range(0, size() - count).toArray();
        int[] validation = java.util.stream.IntStream.range(size() - count, size()).toArray();
        return new Partition(subset(train, source + " (train part)"), subset(validation, source + " (last " + count
                + ")"));
    }

    private void requireHoldOut(int count) {
        if (count < 1 || count >= size()) {
            throw new IllegalArgumentException("validation hold-out must be between 1 and " + (size() - 1)
                    + " records of " + source + " (" + size() + " records), got " + count);
        }
    }

    CifarRecords subset(int[] indices, String description) {
        byte[] l = new byte[indices.length];
        byte[] p = new byte[indices.length * Cifar10.IMAGE_BYTES];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
            System.arraycopy(pixels, indices[i] * Cifar10.IMAGE_BYTES, p, i * Cifar10.IMAGE_BYTES, Cifar10.IMAGE_BYTES);
        }
        return new CifarRecords(l, p, classNames, description);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
