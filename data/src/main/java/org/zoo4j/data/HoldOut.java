package org.zoo4j.data;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Splitting a labelled set into training and validation parts by index: a seeded random choice of a count or a
 * fraction, or the last records. Implemented by CIFAR-10 records and image folders alike.
 *
 * @param <P> the set's partition type
 */
public interface HoldOut<P> {

    /** Holds out {@code count} items chosen by a seeded shuffle; same seed, same partition. */
    P holdOut(int count, long seed);

    /** Holds out the last {@code count} items. */
    P holdOutLast(int count);

    int size();

    /** {@link #holdOut(int, long)} with a fraction of the items, rounded to the nearest item. */
    default P holdOut(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        return holdOut((int) Math.round(fraction * size()), seed);
    }

    /** {train indices, validation indices}, each ascending. */
    static int[][] random(int size, int count, long seed, String source) {
        check(size, count, source);
        int[] order = permutation(size, new Random(seed));
        int[] validation = Arrays.copyOf(order, count);
        int[] train = Arrays.copyOfRange(order, count, order.length);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new int[][]{train, validation};
    }

    /** {train indices, validation indices}: the last {@code count} are validation. */
    static int[][] last(int size, int count, String source) {
        check(size, count, source);
        return new int[][]{IntStream.range(0, size - count).toArray(), IntStream.range(size - count, size).toArray()};
    }

    private static void check(int size, int count, String source) {
        if (count < 1 || count >= size) {
            throw new IllegalArgumentException("validation hold-out must be between 1 and " + (size - 1) + " of the "
                    + size + " items of " + source + ", got " + count);
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
