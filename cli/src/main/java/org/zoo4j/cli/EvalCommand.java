package org.zoo4j.cli;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.ImageDataset;
import org.zoo4j.core.inference.Evaluator;
import org.zoo4j.core.inference.TestTimeAugmentation;
import org.zoo4j.train.report.EvaluationPage;
import org.zoo4j.train.run.DataSource;
import org.zoo4j.train.run.RunData;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.ValidationSplit;
import java.nio.file.Files;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "eval", description = "Evaluate a model file on CIFAR-10 or an image folder: accuracy, per-class "
        + "precision/recall/F1, confusion matrix (text and PNG heat map).")
final class EvalCommand implements Callable<Integer> {

    enum Split { val, test }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file: a checkpoint of zoo4j train, an import-torch output, any "
            + "DL4J ComputationGraph file.")
    Path modelFile;

    @Option(names = "--data", description = "CIFAR-10 binaries or an image folder (DIR/train/<class>/*, DIR/val, "
            + "DIR/test); default: where the run read it, or the embedded sample.")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "val (DIR/val, or a hold-out of the training "
            + "images) or test (test_batch.bin or DIR/test; default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--val-split", description = "The hold-out for --split val (default: the run's; 0.1, 5000 or "
            + "last:10000 as for train).")
    String valSplit;

    @Option(names = "--heatmap", description = "Write the confusion matrix as a PNG heat map to this file (default: "
            + "confusion-SPLIT.png in the run directory of a checkpoint; other model files get none unless asked).")
    Path heatmap;

    @Option(names = "--html", description = "Also write the evaluation as a self-contained HTML page (confusion "
            + "matrix, per-class scores, model card) to this file.")
    Path html;

    @Mixin
    EngineOption engine;

    @Mixin
    InputSize size;

    @Option(names = "--tta", defaultValue = "none", description = "Test-time augmentation: none, or flip (the "
            + "softmax of each image and its mirror image averaged; two forward passes). Default: ${DEFAULT-VALUE}.")
    String tta;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--skip-bad", description = "Skip unreadable images of an image folder (default: stop at the "
            + "first, naming it).")
    boolean skipBad;

    @Override
    public Integer call() throws Exception {
        TestTimeAugmentation augmentation = Flags.choice(TestTimeAugmentation.class, tta, "--tta");
        engine.named(); // the flags first, before any work
        ModelFile model = CliModels.load(modelFile);
        RunSettings run = CliModels.runSettings(modelFile).orElse(null);
        DataSource source = data != null ? DataSource.of(data.toString()) : run != null ? run.data()
                : new DataSource.EmbeddedSample();
        boolean cifar = !(source instanceof DataSource.ImageFolderRoot);
        // CIFAR-10's images are 32x32, which is the size of a model that does not record its own and is given none
        ModelCard card = size.applyTo(cifar && !model.card().hasInputSize() && size.size == null
                ? model.card().withInputSize(Cifar10.SIZE, Cifar10.SIZE) : model.card());
        if (source instanceof DataSource.EmbeddedSample sample) {
            spec.commandLine().getErr().println("zoo4j: no --data given, using " + sample);
        }
        ImageDataset images = RunData.evaluationImages(source, split == Split.test ? RunData.Split.TEST
                : RunData.Split.VAL, () -> holdOut(run), card.labels(), run != null ? run.limit() : 0, seed(run),
                skipBad);
        Evaluator.Result result;
        try (Inference inference = augmentation.apply(engine.open(model, spec.commandLine().getErr()), card.layout())) {
            result = Evaluator.evaluate(inference, RunData.evaluationIterator(images, 64, card.height(), card.width(),
                    card.preprocessing(), card.layout()), card.labels());
        }
        Evaluation e = result.evaluation();
        Path png = heatmap != null ? heatmap : runDirectory().map(d -> d.resolve("confusion-" + split + ".png"))
                .orElse(null);
        if (png != null) {
            Charts.confusionHeatmap(e, card.labels(), png);
        }
        if (html != null) {
            EvaluationPage.write(html, card, model.net().numParams(), result, images.source() + " ("
                    + images.size() + " images, " + split + " split)");
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(json(result, card.labels()));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%d images): accuracy %.4f, loss %.4f%n", card.architecture(),
                    images.source(), images.size(), e.accuracy(), result.loss());
            out.printf("%-12s %9s %9s %9s%n", "class", "precision", "recall", "f1");
            for (int c = 0; c < card.numClasses(); c++) {
                out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f%n", card.labels().get(c), e.precision(c), e.recall(c),
                        e.f1(c));
            }
            out.println(e.confusionToString());
            if (png != null) {
                out.println("confusion matrix heat map: " + png);
            }
            if (html != null) {
                out.println("evaluation page: " + html);
            }
        }
        out.flush();
        return 0;
    }

    /** A checkpoint's run directory (DIR of DIR/checkpoints/x.zip), where the run's other charts are. */
    private Optional<Path> runDirectory() {
        Path parent = modelFile.toAbsolutePath().getParent();
        boolean checkpoint = Files.isRegularFile(modelFile) && parent.getFileName() != null
                && parent.getFileName().toString().equals("checkpoints");
        return checkpoint ? Optional.of(parent.getParent()) : Optional.empty();
    }

    /** The validation split: --val-split's, or the training run's. */
    private ValidationSplit holdOut(RunSettings run) {
        ValidationSplit holdOut = valSplit != null ? ValidationSplit.parse(valSplit) : Optional.ofNullable(run)
                .map(RunSettings::validation).orElseThrow(() -> new IllegalArgumentException(modelFile + " records "
                        + "no training run to take the validation split from: give --val-split (e.g. last:10000), or "
                        + "use --split test"));
        if (holdOut instanceof ValidationSplit.None) {
            throw new IllegalArgumentException("the run validated on nothing (--val-split none): give --val-split (e.g. "
                    + "last:10000) to evaluate on a part of the data, or use --split test");
        }
        if (holdOut instanceof ValidationSplit.TestSplit) {
            throw new IllegalArgumentException("the run held out no validation records (--val-split 0): use --split test");
        }
        return holdOut;
    }

    private static long seed(RunSettings run) {
        return run != null ? run.hyperparameters().seed() : 42;
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
