package org.zoo4j.cli;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.Evaluator;
import org.zoo4j.train.RunData;
import org.zoo4j.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "eval", description = "Evaluate a checkpoint: accuracy, per-class precision/recall/F1, confusion "
        + "matrix (text and PNG heat map).")
final class EvalCommand implements Callable<Integer> {

    enum Split { val, test }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A checkpoint written by zoo4j train (e.g. runs/X/checkpoints/best.zip).")
    Path checkpoint;

    @Option(names = "--data", description = "Where the data is now (default: where the run read it).")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "val (the run's hold-out) or test "
            + "(default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--heatmap", description = "Confusion matrix PNG (default: confusion-SPLIT.png beside the "
            + "checkpoints directory).")
    Path heatmap;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var log = spec.commandLine().getErr();
        Checkpoints.Loaded loaded = Checkpoints.load(checkpoint);
        TrainingOptions o = data == null ? loaded.state().options()
                : loaded.state().options().withData(data.toString());
        CifarRecords records = records(o, log);
        List<String> names = loaded.state().classNames();
        Evaluator.Result result = Evaluator.evaluate(loaded.net(), RunData.iterator(records, o), names);
        Evaluation e = result.evaluation();
        Path png = heatmap != null ? heatmap
                : checkpoint.toAbsolutePath().getParent().resolveSibling("confusion-" + split + ".png");
        org.zoo4j.train.RunReport.confusionHeatmap(e, names, png);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(json(result, names));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%d images): accuracy %.4f, loss %.4f%n", o.model(), records.source(),
                    records.size(), e.accuracy(), result.loss());
            out.printf("%-12s %9s %9s %9s%n", "class", "precision", "recall", "f1");
            for (int c = 0; c < names.size(); c++) {
                out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f%n", names.get(c), e.precision(c), e.recall(c), e.f1(c));
            }
            out.println(e.confusionToString());
            out.println("confusion matrix heat map: " + png);
        }
        out.flush();
        return 0;
    }

    private CifarRecords records(TrainingOptions o, java.io.PrintWriter log) throws java.io.IOException {
        if (split == Split.test) {
            if (o.data() == null) {
                throw new IllegalArgumentException("the run trained on the embedded sample, which has no test split: "
                        + "give --data with test_batch.bin, or --split val");
            }
            return CifarReader.read(Path.of(o.data()), Cifar10.Split.TEST);
        }
        RunData run = RunData.load(o, log);
        if (!run.validationName().equals("validation")) {
            throw new IllegalArgumentException("the run held out no validation records (--val-split 0): use --split test");
        }
        return run.validation();
    }

    private static String json(Evaluator.Result result, List<String> names) {
        Evaluation e = result.evaluation();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("accuracy", e.accuracy()).put("loss", result.loss());
        ArrayNode classes = root.putArray("classes");
        ArrayNode confusion = root.putArray("confusion");
        for (int c = 0; c < names.size(); c++) {
            classes.addObject().put("name", names.get(c)).put("precision", e.precision(c)).put("recall", e.recall(c))
                    .put("f1", e.f1(c));
            ArrayNode row = confusion.addArray();
            for (int p = 0; p < names.size(); p++) {
                row.add(e.getConfusionMatrix().getCount(c, p));
            }
        }
        return root.toString();
    }
}
