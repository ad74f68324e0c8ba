package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each convolution variant against PyTorch on fixed random inputs and weights (conv_fixtures.py), to 1e-5. */
class TorchParityTest {

    private static final double TOLERANCE = 1e-5;

    static IntStream dilated() {
        return ParityFixtures.cases("dilated");
    }

    static IntStream transposed() {
        return ParityFixtures.cases("transposed");
    }

    static IntStream separable() {
        return ParityFixtures.cases("separable");
    }

    @ParameterizedTest
    @MethodSource("dilated")
    void dilatedMatchesConv2d(int i) {
        int[] c = ParityFixtures.cfg("dilated", i); // kernel, stride, dilation, same, bias
        INDArray w = ParityFixtures.get("dilated", i, "w");
        ComputationGraph net = single(ConvLayers.dilated((int) w.size(0), c[0], c[2], c[1], padding(c[3]), c[4] == 1),
                ParityFixtures.get("dilated", i, "x"));
        set(net, "W", w);
        if (c[4] == 1) {
            set(net, "b", ParityFixtures.get("dilated", i, "b").reshape(1, -1));
        }
        assertMatches(net, "dilated", i);
    }

    @ParameterizedTest
    @MethodSource("transposed")
    void transposedMatchesConvTranspose2d(int i) {
        // kernel, stride, dilation, mode (0 valid, 1 same, 2 explicit), padding, output padding, output size, bias
        int[] c = ParityFixtures.cfg("transposed", i);
        INDArray w = ParityFixtures.get("transposed", i, "w");
        TransposedConvolution2D.Builder b = TransposedConvolution2D.builder().nOut(w.size(1)).kernelSize(c[0])
                .stride(c[1]).dilation(c[2]).hasBias(c[7] == 1);
        if (c[3] == 2) {
            b.padding(c[4]).outputPadding(c[5]);
        } else {
            b.padding(padding(c[3]));
            if (c[6] > 0) {
                b.outputSize(c[6]);
            }
        }
        ComputationGraph net = single(b.build(), ParityFixtures.get("transposed", i, "x"));
        set(net, "W", w);
        if (c[7] == 1) {
            set(net, "b", ParityFixtures.get("transposed", i, "b").reshape(1, -1));
        }
        assertMatches(net, "transposed", i);
    }

    @ParameterizedTest
    @MethodSource("separable")
    void separableMatchesDepthwiseThenPointwise(int i) {
        int[] c = ParityFixtures.cfg("separable", i); // kernel, stride, dilation, multiplier, same, bias
        INDArray pw = ParityFixtures.get("separable", i, "pw");
        INDArray x = ParityFixtures.get("separable", i, "x");
        int m = c[3];
        ComputationGraph net = single(ConvLayers.separable((int) pw.size(0), c[0], m, c[1], c[2], padding(c[4]),
                c[5] == 1), x);
        // PyTorch depthwise [C*m, 1, k, k] (output channel c*m + j) -> DL4J [m, C, k, k]
        INDArray dw = ParityFixtures.get("separable", i, "dw");
        INDArray dl4jDw = dw.reshape(x.size(1), m, c[0], c[0]).permute(1, 0, 2, 3).dup();
        set(net, "W", dl4jDw);
        set(net, "pW", pw);
        if (c[5] == 1) {
            set(net, "b", ParityFixtures.get("separable", i, "b").reshape(1, -1));
        }
        assertMatches(net, "separable", i);
    }

    private static ComputationGraph single(Layer layer, INDArray x) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(x.size(2), x.size(3), x.size(1)))
                .addLayer("layer", layer, "in").setOutputs("layer").build());
        net.init();
        return net;
    }

    /** Assigns in place: DL4J M2.1's SameDiffLayer.setParam checks the shape but never copies the values. */
    private static void set(ComputationGraph net, String key, INDArray value) {
        net.getLayer("layer").getParam(key).assign(value);
    }

    private static void assertMatches(ComputationGraph net, String kind, int i) {
        INDArray expected = ParityFixtures.get(kind, i, "y");
        INDArray actual = net.outputSingle(ParityFixtures.get(kind, i, "x"));
        assertThat(actual.shape()).as("%s case %d shape", kind, i).containsExactly(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as("%s case %d max |diff|", kind, i)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    private static Padding padding(int same) {
        return same == 1 ? Padding.SAME : Padding.VALID;
    }
}
