package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export-onnx", description = "Write a model file (or a registry architecture, untrained) as an ONNX "
        + "model of standard operators with its card in the metadata, for ONNX Runtime and other ONNX consumers.")
final class ExportOnnxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file, or a model name (zoo4j list) for its untrained architecture.")
    String model;

    @Option(names = "--out", required = true, description = "The .onnx file to write.")
    Path out;

    @Option(names = "--opset", defaultValue = "13", description = "ONNX operator set, 13..21 (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--batch", defaultValue = "dynamic", description = "Batch size of the graph: dynamic or a number "
            + "(default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--layout", defaultValue = "NCHW", description = "Layout of the graph's input: NCHW (ONNX's "
            + "convention) or NHWC (default: ${DEFAULT-VALUE}); the graph computes in NCHW either way.")
    String layout;

    @Mixin
    InputSize size;

    @Override
    public Integer call() throws Exception {
        int fixedBatch = batch.equals("dynamic") ? 0 : parseBatch();
        CNN2DFormat format = Flags.choice(CNN2DFormat.class, layout, "--layout");
        ModelFile file;
        if (CliModels.isModel(model) || !ModelRegistry.names().contains(model)) { // a file, or a missing one named
            ModelFile loaded = CliModels.load(Path.of(model));
            file = new ModelFile(loaded.net(), size.applyTo(loaded.card()));
        } else {
            Zoo4jModel zoo = ModelRegistry.builder(model).build();
            file = new ModelFile(zoo.init(), zoo.card(zoo.torchReference().map(r -> r.preprocessing())
                    .orElse(org.zoo4j.core.Normalization.SCALE_01), Labels.defaultFor(zoo.options().numClasses()),
                    "untrained (random initialisation)"));
            spec.commandLine().getErr().println("zoo4j: " + model + " is a model name: exporting its architecture with "
                    + "untrained weights");
        }
        OnnxExport.write(file, new OnnxExport.Options(opset, fixedBatch, format), out);
        spec.commandLine().getOut().printf("wrote %s (%s, opset %d, batch %s, input %s %dx%dx%d, %,d bytes)%n", out,
                file.card().architecture(), opset, batch, format, file.card().channels(), file.card().height(),
                file.card().width(), Files.size(out));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int parseBatch() {
        try {
            int value = Integer.parseInt(batch);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--batch takes dynamic or a number >= 1, got '" + batch + "'");
    }
}
