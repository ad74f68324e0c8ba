package org.zoo4j.layers.testing;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "The same, bit for bit": data type, shape and every element's raw bytes in C order. AssertJ's {@code isEqualTo} on
 * two {@link INDArray}s goes through {@code INDArray.equals}, which accepts differences up to 1e-5.
 */
public final class Bits {

    private Bits() {
    }

    public static void assertSame(INDArray actual, INDArray expected, String what) {
        assertThat(actual.dataType()).as(what + ": data type").isEqualTo(expected.dataType());
        assertThat(actual.shape()).as(what + ": shape").isEqualTo(expected.shape());
        byte[] a = actual.dup('c').data().asBytes();
        byte[] e = expected.dup('c').data().asBytes();
        if (!Arrays.equals(a, e)) {
            int element = Arrays.mismatch(a, e) / actual.dataType().width();
            throw new AssertionError(what + " differs from element " + element + " on: "
                    + actual.reshape(-1).getDouble(element) + " vs " + expected.reshape(-1).getDouble(element));
        }
    }

    public static void assertSame(Map<String, INDArray> actual, Map<String, INDArray> expected, String what) {
        assertThat(new TreeSet<>(actual.keySet())).as(what + ": names").isEqualTo(new TreeSet<>(expected.keySet()));
        expected.forEach((name, e) -> assertSame(actual.get(name), e, what + " " + name));
    }
}
