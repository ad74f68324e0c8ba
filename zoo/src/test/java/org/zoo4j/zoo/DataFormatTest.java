package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NHWC builds and computes the same function as NCHW: same weights, transposed input, same output. (The tiny
 * models pool to 1x1 before any dense layer: above 1x1, flattening order differs between the formats.)
 */
class DataFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"vgg", "vgg_seed", "resnet", "resnet_projection", "densenet"})
    void nhwcEqualsNchw(String family) {
        ComputationGraph nchw = TinyModels.of(family, 5, 8, CNN2DFormat.NCHW).build().init();
        ComputationGraph nhwc = TinyModels.of(family, 5, 8, CNN2DFormat.NHWC).build().init();
        nhwc.setParams(nchw.params());

        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 8, 8);
        INDArray expected = nchw.outputSingle(x);
        INDArray actual = nhwc.outputSingle(x.permute(0, 2, 3, 1).dup());

        assertThat(actual.shape()).containsExactly(3, 5);
        assertThat(actual.equalsWithEps(expected, 1e-5)).as("NHWC %s vs NCHW %s", actual, expected).isTrue();
    }
}
