package org.zoo4j.data;

import org.zoo4j.core.InvalidSettingException;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * CIFAR-10 records in memory, as the binary format stores them: a label byte and 3,072 pixel bytes (R, G, B planes)
 * per record. Immutable; subsets share nothing with their parent.
 */
public final class CifarRecords implements ImageDataset, HoldOut<CifarRecords.Partition>, java.io.Serializable {

    private static final long serialVersionUID = 1L;

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
    public record Partition(CifarRecords train, CifarRecords validation) implements ImageDataset.Partition {
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** The 3,072 pixel bytes of a record (R plane, G plane, B plane), unsigned values 0..255 as Java bytes. */
    public byte[] pixels(int index) {
        return Arrays.copyOfRange(pixels, index * Cifar10.IMAGE_BYTES, (index + 1) * Cifar10.IMAGE_BYTES);
    }

    /** Record {@code index} as a 32x32 RGB image. */
    @Override
    public BufferedImage read(int index) {
        int plane = Cifar10.SIZE * Cifar10.SIZE;
        int base = index * Cifar10.IMAGE_BYTES;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (pixels[base + i] & 0xff) << 16 | (pixels[base + plane + i] & 0xff) << 8
                    | pixels[base + 2 * plane + i] & 0xff;
        }
        return Transforms.image(rgb, Cifar10.SIZE, Cifar10.SIZE);
    }

    @Override
    public List<String> classes() {
        return classNames;
    }

    /** Where the records came from (file, archive or sample), for messages. */
    @Override
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

    /** The name an {@link InvalidSettingException} gives a limit on the number of records it cannot take. */
    public static final String LIMIT = "limit";

    /** The first {@code n} records (all of them when {@code n} is larger), for quick runs. */
    public CifarRecords limit(int n) {
        if (n < 1) {
            throw new InvalidSettingException(LIMIT, "must be >= 1, got " + n);
        }
        return n >= size() ? this : subset(java.util.stream.IntStream.range(0, n).toArray(), source + " (first " + n + ")");
    }

    /**
     * Holds out {@code count} records, chosen by a seeded shuffle, as validation data; the rest stay for training,
     * in their original order. Same seed, same partition.
     */
    @Override
    public Partition holdOut(int count, long seed) {
        return partition(HoldOut.random(size(), count, seed, source), source + " (validation part)");
    }

    /** Holds out the last {@code count} records (with the full training set, {@code 10000} is data_batch_5). */
    @Override
    public Partition holdOutLast(int count) {
        return partition(HoldOut.last(size(), count, source), source + " (last " + count + ")");
    }

    private Partition partition(int[][] parts, String validationName) {
        return new Partition(subset(parts[0], source + " (train part)"), subset(parts[1], validationName));
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
}
