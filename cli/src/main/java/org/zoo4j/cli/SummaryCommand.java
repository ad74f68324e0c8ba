package org.zoo4j.cli;

import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.ModelSummary;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import org.deeplearning4j.nn.conf.inputs.InputType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "summary", description = "Print a model (by name, or a model file) block by block (output shape, parameters); optionally "
        + "write its graph as Graphviz DOT or SVG.")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model name (zoo4j list) or model file.")
    String model;

    @Mixin
    InputSize size;

    @ArgGroup(exclusive = true)
    Diagram diagram;

    static final class Diagram {
        @Option(names = "--dot", description = "Write the graph as Graphviz DOT to this file.")
        Path dot;

        @Option(names = "--svg", description = "Write the graph as SVG (needs Graphviz's dot program).")
        Path svg;
    }

    @Override
    public Integer call() throws Exception {
        ModelSummary summary = summary();
        var out = spec.commandLine().getOut();
        out.print(summary.table());
        if (diagram != null && diagram.dot != null) {
            Files.writeString(diagram.dot, summary.dot());
            out.println("wrote " + diagram.dot);
        } else if (diagram != null) {
            Path dot = Files.createTempFile("zoo4j-" + model, ".dot");
            Files.writeString(dot, summary.dot());
            svg(dot, diagram.svg);
            Files.delete(dot);
            out.println("wrote " + diagram.svg);
        }
        out.flush();
        return 0;
    }

    /** A registry model with its defaults, or a model file as it was saved. */
    private ModelSummary summary() throws IOException {
        if (!CliModels.isModel(model)) {
            return ModelSummary.of(ModelRegistry.entry(model).create());
        }
        ModelFile file = CliModels.load(Path.of(model));
        ModelCard card = size.applyTo(file.card());
        return ModelSummary.of(card.architecture(), file.net().getConfiguration(),
                InputType.convolutional(card.height(), card.width(), card.channels(), card.layout()));
    }

    private static void svg(Path dot, Path svg) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString(), dot.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("--svg needs Graphviz's dot program, which is not installed (Debian: apt-get install "
                    + "graphviz); --dot FILE writes the graph without it");
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("dot failed: " + new String(process.getInputStream().readAllBytes()).strip());
        }
    }
}
