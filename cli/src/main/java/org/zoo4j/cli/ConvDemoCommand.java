package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.layers.conv.ConvArithmetic;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;
import org.zoo4j.layers.conv.ConvLayers;
import org.zoo4j.layers.conv.TransposedConvolution2D;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The seed notebook's convolution-variant cells, with zoo4j's layers: pooling shapes, a dilated convolution, the
 * 5x5 / 6x6 ambiguity of a strided convolution and how a transposed convolution resolves it, Conv2DTranspose shapes,
 * and what a separable convolution saves. Shapes print NCHW (the notebook's [1, 5, 5, 1] is [1, 1, 5, 5] here).
 */
@Command(name = "convdemo", description = "Reproduce the seed notebook's convolution-variant cells: dilated, "
        + "transposed and separable convolution, and their shapes.")
final class ConvDemoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        print(out);
        out.flush();
    }

    private static void print(PrintWriter out) {
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 3, 32, 32);
        out.println("max pool 2x2 stride 2 SAME on 32x32: " + shape(apply(ConvLayers.maxPool(2, 2, Padding.SAME), image)));
        out.println("max pool 2x2 stride 1 SAME on 32x32: " + shape(apply(ConvLayers.maxPool(2, 1, Padding.SAME), image)));

        INDArray noise = Nd4j.randn(DataType.FLOAT, 1, 1, 7, 7);
        out.println("7x7 input, 3x3 kernel, dilation 2, VALID: "
                + shape(apply(ConvLayers.dilated(1, 3, 2, 1, Padding.VALID, false), noise)));

        INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 25, 1).reshape(1, 1, 5, 5);
        INDArray w = Nd4j.createFromArray(new float[][]{{-1, 2, -3}, {4, -5, 6}, {-7, 8, -9}}).reshape(1, 1, 3, 3);
        INDArray down = apply(ConvLayers.dilated(1, 3, 1, 2, Padding.VALID, false), x, w);
        out.println("x = 1..25 (5x5), conv 3x3 stride 2 VALID: " + shape(down) + " " + values(down));
        out.println("input sizes a 3x3 stride-2 VALID conv maps to 2: "
                + ConvArithmetic.inputsFor(2, 3, 2, 1, Padding.VALID));
        INDArray back5 = apply(TransposedConvolution2D.builder().nOut(1).kernelSize(3).stride(2).hasBias(false)
                .build(), down, w);
        out.println("transposed back (VALID, default size): " + shape(back5) + " " + values(back5));
        INDArray back6 = apply(TransposedConvolution2D.builder().nOut(1).kernelSize(3).stride(2).hasBias(false)
                .padding(Padding.VALID).outputSize(6).build(), down, w);
        out.println("transposed with output size 6 (= output padding 1): " + shape(back6) + " " + values(back6));
        INDArray same3 = apply(TransposedConvolution2D.builder().nOut(1).kernelSize(3).stride(3).hasBias(false)
                .padding(Padding.SAME).outputSize(6).build(), down, w);
        out.println("conv2d_transpose stride 3 SAME, output 6x6: " + shape(same3));

        out.println("Conv2DTranspose 3x3 stride 1 VALID on 2x2: " + shape(apply(TransposedConvolution2D.builder()
                .nOut(1).kernelSize(3).stride(1).build(), down)));
        out.println("Conv2DTranspose 3x3 stride 3 SAME on 2x2: " + shape(apply(TransposedConvolution2D.builder()
                .nOut(1).kernelSize(3).stride(3).padding(Padding.SAME).build(), down)));

        INDArray rgb = Nd4j.rand(DataType.FLOAT, 1, 3, 8, 8);
        long ordinary = parameters(ConvLayers.dilated(4, 3, 1, 1, Padding.SAME, false), rgb);
        long separable = parameters(ConvLayers.separable(4, 3, 1, 1, 1, Padding.SAME, false), rgb);
        out.printf("3 -> 4 channels, 3x3: ordinary conv %d parameters, separable %d (%.2f of it)%n",
                ordinary, separable, separable / (double) ordinary);
    }

    /** A one-layer network on the input's shape, with the given weights when there are any. */
    private static ComputationGraph single(Layer layer, INDArray input) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(input.size(2), input.size(3), input.size(1)))
                .addLayer("layer", layer, "in").setOutputs("layer").build());
        net.init();
        return net;
    }

    private static INDArray apply(Layer layer, INDArray input, INDArray... weights) {
        ComputationGraph net = single(layer, input);
        if (weights.length > 0) {
            net.getLayer("layer").getParam("W").assign(weights[0]);
        }
        return net.outputSingle(input);
    }

    private static long parameters(Layer layer, INDArray input) {
        return single(layer, input).numParams();
    }

    private static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }

    /** The values row by row; the notebook's inputs are small integers, so every result is an exact integer. */
    private static String values(INDArray a) {
        return Arrays.toString(Arrays.stream(a.ravel().toDoubleVector()).mapToLong(Math::round).toArray());
    }
}
