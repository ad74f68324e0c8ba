package org.zoo4j.train;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/**
 * A learnable 3-class task in memory, no files: 8x8 RGB noise whose class-c images are brighter in channel c.
 * NCHW, one-hot labels; the same seed gives the same data whatever ND4J's generator did before.
 */
public final class InMemoryData {

    public static final List<String> LABELS = List.of("red", "green", "blue");

    private InMemoryData() {
    }

    public static ListDataSetIterator<DataSet> iterator(int examples, int batch, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, examples, 3, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, examples, 3);
        for (int i = 0; i < examples; i++) {
            int label = i % 3;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 64; p++) {
                    x.putScalar(new long[]{i, c, p / 8, p % 8}, random.nextFloat() + (c == label ? 1f : 0f));
                }
            }
            y.putScalar(i, label, 1f);
        }
        return new ListDataSetIterator<>(new DataSet(x, y).asList(), batch);
    }
}
