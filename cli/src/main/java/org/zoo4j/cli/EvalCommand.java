package org.zoo4j.cli;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.train.Evaluator;
import org.zoo4j.train.cifar.CifarData;
import org.zoo4j.train.cifar.CifarRunSettings;
import org.zoo4j.zoo.file.ModelCard;
import org.zoo4j.zoo.file.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "eval", description = "Evaluate a model file on CIFAR-10: accuracy, per-class precision/recall/F1, "
        + "confusion matrix (text and PNG heat map).")
final class EvalCommand implements Callable<Integer> {

    enum Split { val, test }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file: a checkpoint of zoo4j train, an import-torch output, any "
            + "DL4J ComputationGraph file.")
    Path modelFile;

    @Option(names = "--data", description = "Where the data is (default: where the run read it; the embedded sample "
            + "for a model file of no run).")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "val (a hold-out of the training records) or test "
            + "(default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--val-split", description = "The hold-out for --split val (default: the run's; 0.1, 5000 or "
            + "last:10000 as for train).")
    String valSplit;

    @Option(names = "--heatmap", description = "Confusion matrix PNG (default: confusion-SPLIT.png beside the model "
            + "file's directory).")
    Path heatmap;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelFile model = ModelFile.load(modelFile);
        ModelCard card = model.card();
        if (card.numClasses() != Cifar10.CLASSES) {
            throw new IllegalArgumentException(modelFile + " predicts " + card.numClasses() + " classes; CIFAR-10 has "
                    + Cifar10.CLASSES);
        }
        CifarRunSettings run = CliModels.runSettings(modelFile).orElse(null);
        String location = data != null ? data.toString() : run != null ? run.data() : null;
        if (location == null) {
            spec.commandLine().getErr().println("zoo4j: no --data given, using " + org.zoo4j.data.CifarSample.DESCRIPTION);
        }
        CifarRecords records = records(run, location);
        Evaluator.Result result = Evaluator.evaluate(model.net(), CifarData.evaluationIterator(records, 128,
                card.preprocessing(), card.layout()), card.labels());
        Evaluation e = result.evaluation();
        Path png = heatmap != null ? heatmap
                : modelFile.toAbsolutePath().getParent().resolveSibling("confusion-" + split + ".png");
        Charts.confusionHeatmap(e, card.labels(), png);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(json(result, card.labels()));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%d images): accuracy %.4f, loss %.4f%n", card.architecture(),
                    records.source(), records.size(), e.accuracy(), result.loss());
            out.printf("%-12s %9s %9s %9s%n", "class", "precision", "recall", "f1");
            for (int c = 0; c < card.numClasses(); c++) {
                out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f%n", card.labels().get(c), e.precision(c), e.recall(c),
                        e.f1(c));
            }
            out.println(e.confusionToString());
            out.println("confusion matrix heat map: " + png);
        }
        out.flush();
        return 0;
    }

    /** The split's records: the run's hold-out (or --val-split's), or the test batch. */
    private CifarRecords records(CifarRunSettings run, String location) throws IOException {
        if (split == Split.test) {
            if (location == null) {
                throw new IllegalArgumentException("the embedded sample has no test split: give --data with "
                        + "test_batch.bin, or --split val");
            }
            return CifarReader.read(Path.of(location), Cifar10.Split.TEST);
        }
        String holdOut = valSplit != null ? valSplit : Optional.ofNullable(run).map(CifarRunSettings::validation)
                .orElseThrow(() -> new IllegalArgumentException(modelFile + " records no training run to take the "
                        + "validation split from: give --val-split (e.g. last:10000), or use --split test"));
        if (holdOut.equals("0")) {
            throw new IllegalArgumentException("the run held out no validation records (--val-split 0): use --split test");
        }
        CifarRunSettings base = run != null ? run : CifarRunSettings.of(org.zoo4j.train.cifar.Recipe.STANDARD,
                "unknown");
        return CifarData.load(new CifarRunSettings(base.model(), location, base.limit(), holdOut, base.augmentation(),
                base.normalization(), base.format(), base.hyperparameters())).validation();
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
