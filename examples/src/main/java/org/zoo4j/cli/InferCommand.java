package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "infer", description = "Run a DL4J model file in inference mode on an NCHW float32 .npy and write its "
        + "raw output (softmax probabilities) as float32 .npy, for comparison with PyTorch.")
final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model file (import-torch output or a zoo4j checkpoint).")
    Path model;

    @Option(names = "--input", required = true, description = "Input batch, float32 .npy, [N, C, H, W].")
    Path input;

    @Option(names = "--output", required = true, description = "Where to write the output .npy.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new java.nio.file.NoSuchFileException(model.toString(), null, "no model file here");
        }
        if (!Files.isRegularFile(input)) {
            throw new java.nio.file.NoSuchFileException(input.toString(), null, "no input .npy here");
        }
        INDArray x = Nd4j.createFromNpyFile(input.toFile());
        if (x.rank() != 4 || x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(input + ": expected a float32 [N, C, H, W] array, got " + x.dataType()
                    + " " + Arrays.toString(x.shape()));
        }
        ComputationGraph net = ModelSerializer.restoreComputationGraph(model.toFile(), false);
        if (inputFormat(net) == CNN2DFormat.NHWC) {
            x = x.permute(0, 2, 3, 1).dup('c'); // the file is NCHW whatever the model's layout
        }
        INDArray y = net.outputSingle(false, x);
        Nd4j.writeAsNumpy(y.castTo(DataType.FLOAT), output.toFile());
        spec.commandLine().getOut().printf("wrote %s %s%n", output, Arrays.toString(y.shape()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The layout of the model's first convolution (zoo4j trains NHWC by default, imports PyTorch weights NCHW). */
    private static CNN2DFormat inputFormat(ComputationGraph net) {
        for (String name : net.getConfiguration().getTopologicalOrderStr()) {
            if (net.getConfiguration().getVertices().get(name) instanceof LayerVertex v
                    && v.getLayerConf().getLayer() instanceof ConvolutionLayer conv) {
                return conv.getCnn2dDataFormat();
            }
        }
        return CNN2DFormat.NCHW;
    }
}
