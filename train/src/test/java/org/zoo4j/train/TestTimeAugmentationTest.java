package org.zoo4j.train;

import org.zoo4j.core.inference.TestTimeAugmentation;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.inference.Inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TestTimeAugmentationTest {

    /** A stand-in model whose output is its input's first row of pixels: the mirror shows in what it sees. */
    private static final Inference FIRST_ROW_NCHW = x -> x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
            org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();

    @Test
    void flipAveragesTheImageAndItsMirror() {
        INDArray x = Nd4j.arange(2 * 1 * 2 * 4).reshape(2, 1, 2, 4).castTo(DataType.FLOAT); // row 0 of image 0: 0 1 2 3
        INDArray plain = TestTimeAugmentation.NONE.apply(FIRST_ROW_NCHW, CNN2DFormat.NCHW).output(x);
        INDArray flipped = TestTimeAugmentation.FLIP.apply(FIRST_ROW_NCHW, CNN2DFormat.NCHW).output(x);
        assertThat(plain.getRow(0).toDoubleVector()).containsExactly(0, 1, 2, 3);
        assertThat(flipped.getRow(0).toDoubleVector()).containsExactly(new double[]{1.5, 1.5, 1.5, 1.5}, within(1e-6));

        // NHWC: the width is axis 2; a model reading the top-left pixel sees it averaged with the top-right one
        INDArray nhwc = x.permute(0, 2, 3, 1).dup();
        Inference firstColumn = in -> in.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        assertThat(TestTimeAugmentation.FLIP.apply(firstColumn, CNN2DFormat.NHWC).output(nhwc).getDouble(0, 0))
                .isEqualTo((0 + 3) / 2.0, within(1e-6));
    }
}
