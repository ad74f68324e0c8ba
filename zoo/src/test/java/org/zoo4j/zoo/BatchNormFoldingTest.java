package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.zoo4j.core.inference.BatchNormFolding;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The folded network computes what the trained one computes in inference mode: every family (conv-BN-ReLU, conv-BN
 * into a residual add, DenseNet's BN-ReLU-conv-BN-ReLU-conv), both layouts, after training has moved the BatchNorm
 * statistics, scales and shifts away from their initial values.
 */
class BatchNormFoldingTest {

    @ParameterizedTest
    @CsvSource({"resnet, NCHW", "resnet, NHWC", "resnet_projection, NHWC", "vgg, NHWC", "densenet, NCHW",
            "densenet, NHWC"})
    void theFoldedNetworkComputesWhatTheTrainedOneDoes(String family, CNN2DFormat format) {
        ComputationGraph net = TinyModels.of(family, 3, 8, format).updater(new Nesterovs(0.1, 0.9)).seed(5).build()
                .init();
        for (int step = 0; step < 5; step++) {
            net.fit(batch(format, step));
        }
        INDArray x = batch(format, 9).getFeatures();
        INDArray expected = net.outputSingle(false, x).dup();
        float[] paramsBefore = net.params().dup().toFloatVector();

        ComputationGraph folded = BatchNormFolding.fold(net);

        assertThat(folded.outputSingle(false, x).data().asFloat()).containsExactly(expected.data().asFloat(),
                org.assertj.core.data.Offset.offset(2e-5f));
        assertThat(net.params().toFloatVector()).as("the original is left as it was").containsExactly(paramsBefore);
        long norms = Arrays.stream(net.getLayers()).filter(l -> l.conf().getLayer() instanceof BatchNormalization)
                .count();
        long normsLeft = Arrays.stream(folded.getLayers())
                .filter(l -> l.conf().getLayer() instanceof BatchNormalization).count();
        assertThat(normsLeft).as("BatchNorms that follow a convolution are gone").isLessThan(norms);
        assertThat(Arrays.stream(folded.getLayers()).map(l -> l.conf().getLayer())
                .filter(l -> l instanceof ConvolutionLayer c && c.hasBias()
                        && c.getActivationFn() instanceof ActivationReLU)).as("conv-BN-ReLU became one layer")
                .isNotEmpty();
        assertThat(folded.getVertices().length).isLessThan(net.getVertices().length);
    }

    private static DataSet batch(CNN2DFormat format, int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = format == CNN2DFormat.NCHW ? Nd4j.rand(8, 3, 8, 8) : Nd4j.rand(8, 8, 8, 3);
        INDArray labels = Nd4j.zeros(8, 3);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, (i + seed) % 3, 1);
        }
        return new DataSet(x.muli(2).subi(0.5), labels);
    }
}
