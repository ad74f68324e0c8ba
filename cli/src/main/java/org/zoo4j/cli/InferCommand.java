package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.zoo.torch.Npy;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.file.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "infer", description = "Run a model file in inference mode on an NCHW float32 .npy (already "
        + "preprocessed) and write its raw output (softmax probabilities) as float32 .npy, for comparison with PyTorch.")
final class InferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model file (import-torch output, checkpoint, any DL4J ComputationGraph).")
    Path model;

    @Option(names = "--input", required = true, description = "Input batch, float32 .npy, [N, C, H, W].")
    Path input;

    @Mixin
    EngineOption engine;

    @Option(names = "--output", required = true, description = "Where to write the output .npy.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) { // before the model loads: the user's mistake first
            throw new java.nio.file.NoSuchFileException(input.toString(), null, "no input .npy here");
        }
        engine.named(); // the flags first, before any work
        ModelFile file = CliModels.load(model);
        INDArray x = Npy.read(input);
        if (x.rank() != 4) {
            throw new IllegalArgumentException(input + ": expected an [N, C, H, W] array, got shape "
                    + Arrays.toString(x.shape()));
        }
        if (file.card().layout() == CNN2DFormat.NHWC) {
            x = x.permute(0, 2, 3, 1).dup('c'); // the file is NCHW whatever the model's layout
        }
        INDArray y;
        try (Inference inference = engine.open(file, spec.commandLine().getErr())) {
            y = inference.output(x);
        }
        AtomicFiles.write(output, Nd4j.toNpyByteArray(y.castTo(DataType.FLOAT)));
        spec.commandLine().getOut().printf("wrote %s %s%n", output, Arrays.toString(y.shape()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
