package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.Normalization;
import org.zoo4j.layers.runtime.BackendReport;
import org.zoo4j.core.inference.Dl4jEngine;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.inference.InferenceEngine;
import org.zoo4j.zoo.ModelOptions;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Measure a model's training or inference speed on random data.")
final class BenchCommand implements Callable<Integer> {

    enum Mode { train, infer }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model name (zoo4j list).")
    String model;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iters", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--mode", defaultValue = "train", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--format", defaultValue = "NCHW", description = "NCHW or NHWC (default: ${DEFAULT-VALUE}).")
    CNN2DFormat format;

    @Mixin
    EngineOption engine;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--profile", description = "Also print the costliest ND4J ops of the timed steps (slows them).")
    boolean profile;

    @Override
    public Integer call() {
        if (batch < 1 || iters < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch and --iters must be >= 1 and --warmup >= 0");
        }
        if (profile && json) {
            throw new IllegalArgumentException("--profile prints a table: use it without --json");
        }
        Zoo4jModel zoo = ModelRegistry.builder(model).dataFormat(format).build();
        ComputationGraph net = zoo.init();
        ModelFile file = new ModelFile(net, zoo.card(Normalization.NONE, Labels.numbered(zoo.options()
                .numClasses()), "random"));
        ModelOptions o = zoo.options();
        long[] shape = format == CNN2DFormat.NCHW ? new long[]{batch, o.channels(), o.height(), o.width()}
                : new long[]{batch, o.height(), o.width(), o.channels()};
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, o.numClasses());
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % o.numClasses(), 1f);
        }
        MultiDataSet data = new MultiDataSet(x, y);
        if (mode == Mode.train && engine.namesAnotherEngine()) {
            throw new IllegalArgumentException("--engine " + engine.engine + " runs inference only: use it with "
                    + "--mode infer");
        }
        InferenceEngine chosen = mode == Mode.train ? Dl4jEngine.INSTANCE
                : engine.resolve(file, spec.commandLine().getErr());
        String engineName = chosen.name();
        double[] rates = new double[iters];
        double stepMillis = 0;
        try (Inference inference = engine.open(chosen, file)) { // also sets the network's precision for training
            for (int i = -warmup; i < iters; i++) {
                if (i == 0 && profile) {
                    OpProfile.start();
                }
                long start = System.nanoTime();
                if (mode == Mode.train) {
                    net.fit(data);
                } else {
                    inference.output(x);
                }
                if (i >= 0) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates[i] = batch / seconds;
                    stepMillis += seconds * 1000 / iters;
                }
            }
        }
        Arrays.sort(rates);
        double median = rates[iters / 2];
        BackendReport backend = BackendReport.current();
        var out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"model\": \"%s\", \"mode\": \"%s\", \"engine\": \"%s\", \"batch\": %d, "
                            + "\"format\": \"%s\", \"precision\": \"%s\", \"images_per_second\": %.2f, "
                            + "\"min\": %.2f, \"max\": %.2f, \"peak_rss_mib\": %d, %s}%n", model, mode, engineName,
                    batch, format, engine.precision.precision, median, rates[0], rates[iters - 1],
                    BackendReport.peakRssMiB(), backend.json());
        } else {
            out.printf(Locale.ROOT, "%s %s (%s, %s) batch %d %s: median %.1f images/s (min %.1f, max %.1f), peak RSS "
                            + "%d MiB%n%s%n", model, mode, engineName, engine.precision.precision, batch, format, median,
                    rates[0], rates[iters - 1], BackendReport.peakRssMiB(), backend);
        }
        if (profile) {
            OpProfile.stopAndPrint(out, 12, iters, stepMillis);
        }
        out.flush();
        return 0;
    }
}
