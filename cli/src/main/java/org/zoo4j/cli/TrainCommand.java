package org.zoo4j.cli;

import org.zoo4j.train.run.DataSource;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.data.Augmentation;
import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.spark.SparkEngine;
import org.zoo4j.spark.SparkSettings;
import org.zoo4j.train.Checkpoint;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.LearningRateSchedule;
import org.zoo4j.train.Monitor;
import org.zoo4j.train.Optimizer;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.live.LiveDashboard;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.train.run.ValidationSplit;
import org.zoo4j.train.run.Recipe;
import org.zoo4j.zoo.registry.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

@Command(name = "train", description = "Train a zoo model, or fine-tune a model file, on CIFAR-10 or an image folder "
        + "(DL4J fit loop), with validation, metrics, learning curves and checkpoints in --out.")
final class TrainCommand implements Callable<Integer> {

    /** The library's words for a setting, and the flag that sets it, for error messages. */
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "Model name (zoo4j list) to train from scratch, or a "
            + "model file (checkpoint, import-torch output) to fine-tune. Not needed with --resume.")
    String model;

    @Option(names = "--recipe", description = "Starting point: standard (SGD+Nesterov 0.1, cosine, wd 5e-4, "
            + "crop+flip; He et al. 2016; the default for a model name with BatchNorm), plain (standard at lr 0.05 "
            + "after one warm-up epoch; the default for a model name without BatchNorm, such as vgg13), seed (the "
            + "notebook's Adam 1e-4, [0,1] pixels) or finetune (SGD+Nesterov 0.01, cosine, wd 1e-4, 15 epochs, batch "
            + "64; the default for a model file).")
    String recipe;

    @Option(names = "--data", description = "cifar-10-batches-bin directory, cifar-10-binary.tar.gz, or an image "
            + "folder DIR/train/<class>/* (with DIR/val, DIR/test when present); default: the embedded 2,500-image "
            + "CIFAR-10 sample.")
    Path data;

    @Option(names = "--freeze", description = "Fine-tuning: keep everything up to and including this block or vertex "
            + "(e.g. stage2, as zoo4j summary names them) frozen.")
    String freeze;

    @Option(names = "--skip-bad", description = "Skip unreadable images of an image folder, counting them (default: "
            + "stop at the first, naming it).")
    boolean skipBad;

    @Option(names = "--format", description = "NHWC (default: faster with zoo4j's layers) or NCHW.")
    String format;

    @Option(names = "--epochs", description = "Epochs (recipe: standard 200, seed 10).")
    Integer epochs;

    @Option(names = "--batch", description = "Batch size (recipe: 128).")
    Integer batch;

    @Option(names = "--optimizer", description = "sgd or adam.")
    String optimizer;

    @Option(names = "--lr", description = "Peak learning rate.")
    Double lr;

    @Option(names = "--momentum", description = "Nesterov momentum for sgd.")
    Double momentum;

    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum for sgd (--no-nesterov: plain SGD).")
    Boolean nesterov;

    @Option(names = "--weight-decay", description = "L2 weight decay.")
    Double weightDecay;

    @Option(names = "--schedule", description = "constant, step, cosine or onecycle.")
    String schedule;

    @Option(names = "--decay-weights-only", description = "Weight decay on the weights of convolutions and dense "
            + "layers only, not on biases and BatchNorm's scale and shift (timm's filter_bias_and_bn; default: every "
            + "parameter, as PyTorch's SGD).")
    boolean decayWeightsOnly;

    @Option(names = "--warmup-epochs", description = "Linear learning-rate warm-up epochs (recipe: plain 1, the "
            + "others 0; shorter runs than that warm up for one epoch less than they have).")
    Integer warmupEpochs;

    @Option(names = "--label-smoothing", description = "Smooth the training targets by this epsilon, as PyTorch's "
            + "CrossEntropyLoss(label_smoothing=...) (recipe: 0).")
    Double labelSmoothing;

    @Option(names = "--ema", paramLabel = "DECAY", description = "Validate on, and leave in the run's model files, an "
            + "exponential moving average of the weights with this decay per step, e.g. 0.999 (recipe: none).")
    Double averageDecay;

    @Option(names = "--augment", negatable = true, description = "Random crop + flip (--no-augment: none).")
    Boolean augment;

    @Option(names = "--val-split", description = "Validation hold-out: a fraction (0.1, the default), a count "
            + "(5000), last:N (the last N records; last:10000 is data_batch_5), 0 (use the test split) or none (train "
            + "on everything, validate on nothing; best.zip by training loss).")
    String valSplit;

    @Option(names = "--limit", description = "Use only the first N training records (image folders: N per class).")
    Integer limit;

    @Option(names = "--seed", description = "Seed for weights, data order and augmentation (default 42).")
    Long seed;

    @Option(names = "--threads", description = "Threads for ND4J's math (default: all cores).")
    Integer threads;

    @Option(names = "--keep", defaultValue = "3", description = "Epoch checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--best-by", defaultValue = "val_accuracy", description = "Metric that picks best.zip: "
            + "val_accuracy, val_loss or train_loss (default: ${DEFAULT-VALUE}).")
    String bestBy;

    @Option(names = "--out", description = "Output directory (default: runs/MODEL-TIME).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its newest valid checkpoint.")
    boolean resume;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER", description = "Train "
            + "data-parallel on Apache Spark with DL4J's parameter averaging: local[N], spark://HOST:PORT, or no value "
            + "for the master spark-submit was given. Checkpoints, metrics and reports are written by this process.")
    String spark;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--workers", description = "Spark: workers training in parallel, each on batches of --batch "
            + "(default: Spark's parallelism).")
    Integer workers;

    @Option(names = "--averaging-frequency", description = "Spark: steps each worker takes between two averagings "
            + "(default: 5).")
    Integer averagingFrequency;

    @Option(names = "--ui", arity = "0..1", fallbackValue = "9000", paramLabel = "PORT", description = "Serve a live "
            + "training page on 127.0.0.1:PORT (9000 when no port is given; 0: any free port) and print its URL.")
    Integer ui;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        PrintWriter log = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        Monitor.of(bestBy);
        ComputePrecision computePrecision = precision.chosen();
        if (computePrecision != ComputePrecision.FLOAT32 && spark != null) {
            throw new IllegalArgumentException("--precision " + precision.precision + " trains without --spark");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("--keep must be >= 1, got " + keep);
        }
        Path dir;
        RunSettings settings;
        Checkpoint from = null;
        if (resume) {
            if (out == null) {
                throw new IllegalArgumentException("--resume needs --out, the directory of the run to continue");
            }
            dir = out;
            from = new TrainingRun(dir).resumePoint();
            settings = RunSettings.fromJson(from.state().settings());
            refuseChanges(settings);
            log.printf("zoo4j: resuming %s from %s (%d of %d epochs done%s)%n", settings.model(), from.file(),
                    from.state().epochsDone(), settings.hyperparameters().epochs(), from.state().stopped()
                            ? ", and " + from.state().partial().steps() + " steps of epoch "
                            + (from.state().epochsDone() + 1) : "");
        } else {
            if (model == null) {
                throw new IllegalArgumentException("name the model to train (zoo4j list shows them), or --resume");
            }
            boolean file = CliModels.isModel(model);
            if (!file) {
                ModelRegistry.entry(model);
            }
            if (freeze != null && !file) {
                throw new IllegalArgumentException("--freeze fine-tunes a model file; " + model + " is a model name "
                        + "(trained from scratch)");
            }
            Recipe chosen = recipe != null ? Flags.choice(Recipe.class, recipe, "--recipe") : file ? Recipe.FINETUNE
                    : Recipe.forModel(model);
            if (recipe == null && chosen == Recipe.PLAIN) {
                log.println("zoo4j: " + model + " has no BatchNorm: recipe plain (the standard one at lr 0.05 after "
                        + "one warm-up epoch)");
            }
            settings = withFlags(RunSettings.of(chosen, model));
            String name = file ? Path.of(model).getFileName().toString().replaceFirst("\\.zip$", "") + "-finetune"
                    : model;
            dir = out != null ? out : Path.of("runs", name + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        if (settings.hyperparameters().averageDecay() > 0 && spark != null) {
            throw new IllegalArgumentException("--ema trains without --spark (the average follows this machine's steps)");
        }
        if (computePrecision != ComputePrecision.FLOAT32 && settings.format() != CNN2DFormat.NHWC) {
            throw new IllegalArgumentException("--precision " + precision.precision + " needs --format NHWC");
        }
        boolean noValidation = settings.validation() instanceof ValidationSplit.None;
        if (noValidation && spec.commandLine().getParseResult().hasMatchedOption("--best-by")
                && !bestBy.equals("train_loss")) {
            throw new IllegalArgumentException("--val-split none validates on nothing: --best-by can only be "
                    + "train_loss");
        }
        Monitor best = Monitor.of(noValidation ? "train_loss" : bestBy);
        if (settings.data() instanceof DataSource.EmbeddedSample sample) {
            log.println("zoo4j: no --data given, using " + sample);
        }
        ConsoleProgress progress = new ConsoleProgress(log, terminal, settings.validation()
                instanceof ValidationSplit.TestSplit ? "test" : "validation");
        TrainingState state;
        SparkSettings cluster = spark == null ? null : new SparkSettings(or(workers, 0),
                or(averagingFrequency, SparkSettings.DEFAULT.averagingFrequency()),
                SparkSettings.DEFAULT.prefetchBatches());
        try (StopSignals signals = new StopSignals(log); LiveDashboard live = liveDashboard(settings.model(), dir);
             SparkEngine engine = cluster == null ? null : SparkEngine.connect(spark.isEmpty() ? null : spark,
                     cluster)) {
            TrainingRun training = new TrainingRun(dir).keepLast(keep).monitor(best).listener(progress)
                    .listener(Charts.learningCurves(dir)).stopWhen(signals::requested).command(commandLine())
                    .precision(computePrecision);
            if (engine != null) {
                training.engine(engine);
                log.printf("zoo4j: training on Spark %s: %d workers, batch %d each, averaging every %d steps%n",
                        engine.context().master(), engine.workers(), settings.hyperparameters().batchSize(),
                        cluster.averagingFrequency());
            }
            if (live != null) {
                training.listener(live);
                log.println("zoo4j: live training page at " + live.uri());
                log.flush();
            }
            Checkpoint resumeFrom = from;
            try {
                state = resumeFrom != null ? training.resume(resumeFrom, epochsOrEmpty()) : training.start(settings);
            } finally {
                progress.closeBar();
            }
            if (state.stopped()) {
                log.printf("zoo4j: stopped by %s in epoch %d after step %d; the checkpoint of that step is in %s: "
                                + "continue with zoo4j train --resume --out %s%n", signals.name(), state.epochsDone() + 1,
                        state.partial().steps(), training.checkpoints().dir(), dir);
                log.flush();
                return signals.exitCode();
            }
            if (signals.requested()) {
                log.printf("zoo4j: stopped by %s after epoch %d; its checkpoint is in %s: continue with zoo4j train "
                        + "--resume --out %s%n", signals.name(), state.epochsDone(), training.checkpoints().dir(), dir);
                log.flush();
                return signals.exitCode();
            }
        }
        var summary = spec.commandLine().getOut();
        summary.printf("trained %s for %d epochs: best %s %.4f; checkpoints, metrics.csv, report.html, loss.png and "
                        + "accuracy.png in %s%n", settings.model(), state.epochsDone(), best.key(),
                state.best(best, best.mode()), dir);
        summary.flush();
        return 0;
    }

    /** The live page when --ui is given; a port that cannot be had stops here, before training starts. */
    private LiveDashboard liveDashboard(String model, Path dir) throws IOException {
        if (ui == null) {
            return null;
        }
        try {
            return LiveDashboard.start(ui, "zoo4j train " + model + " → " + dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ui " + e.getMessage(), e);
        }
    }

    /** The command as typed, arguments with spaces quoted. */
    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("zoo4j")); // the parse result starts with "train"
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            words.add(arg.isEmpty() || arg.matches(".*[\\s'\"$].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return String.join(" ", words);
    }

    private OptionalInt epochsOrEmpty() {
        return epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs);
    }

    /**
     * A resumed run continues as it was set up: flags that would change it (other than --epochs, which the library
     * checks) are refused, each difference on its own line.
     */
    private void refuseChanges(RunSettings run) throws Exception {
        if (recipe != null) {
            throw new IllegalArgumentException("--recipe does not combine with --resume: a run keeps its recipe");
        }
        RunSettings given = withFlags(new RunSettings(model != null ? model : run.model(), run.data(), run.limit(),
                run.validation(), run.augmentation(), run.normalization(), run.format(),
                run.hyperparameters().withEpochs(epochs != null ? epochs : run.hyperparameters().epochs()),
                run.freeze(), run.skipBad()));
        List<String> differences = new ArrayList<>();
        differ(differences, "model", run.model(), given.model());
        differ(differences, "--data", run.data(), given.data());
        differ(differences, "--limit", run.limit(), given.limit());
        differ(differences, "--val-split", run.validation(), given.validation());
        differ(differences, "--augment", run.augmentation(), given.augmentation());
        differ(differences, "--format", run.format(), given.format());
        differ(differences, "--freeze", run.freeze(), given.freeze());
        differ(differences, "--skip-bad", run.skipBad(), given.skipBad());
        Hyperparameters a = run.hyperparameters().withEpochs(1);
        Hyperparameters b = given.hyperparameters().withEpochs(1);
        if (!a.equals(b)) {
            differences.add("optimisation: the run's " + a + ", given " + b);
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the run in " + out + " was set up differently; resume it without these "
                    + "flags, or start a new run in another --out:\n" + String.join("\n", differences));
        }
    }

    private static void differ(List<String> differences, String what, Object run, Object given) {
        if (!java.util.Objects.equals(run, given)) {
            differences.add(what + ": the run's " + run + ", given " + given);
        }
    }

    /** {@code base} with every flag the user gave applied. */
    private RunSettings withFlags(RunSettings base) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        Hyperparameters h = base.hyperparameters();
        int runEpochs = or(epochs, h.epochs());
        // a recipe's warm-up is cut to fit a shorter run (one epoch: none); --warmup-epochs is taken as given
        int recipeWarmup = Math.max(0, Math.min(h.warmupEpochs(), runEpochs - 1));
        Hyperparameters chosen = new Hyperparameters(runEpochs, or(batch, h.batchSize()),
                optimizer == null ? h.optimizer() : Flags.choice(Optimizer.class, optimizer, "--optimizer"),
                or(lr, h.learningRate()), or(momentum, h.momentum()), or(nesterov, h.nesterov()),
                or(weightDecay, h.weightDecay()),
                schedule == null ? h.schedule() : Flags.choice(LearningRateSchedule.Kind.class, schedule, "--schedule"),
                or(warmupEpochs, recipeWarmup), or(seed, h.seed()), or(labelSmoothing, h.labelSmoothing()),
                or(averageDecay, h.averageDecay()), decayWeightsOnly || h.weightsOnlyDecay());
        Augmentation aug = augment == null ? base.augmentation() : augment ? Augmentation.STANDARD : Augmentation.NONE;
        return new RunSettings(base.model(), data == null ? base.data() : DataSource.of(data.toString()),
                limit == null ? base.limit() : limit,
                valSplit == null ? base.validation() : ValidationSplit.parse(valSplit), aug,
                base.normalization(), format == null ? base.format() : Flags.choice(CNN2DFormat.class, format, "--format"),
                chosen, freeze != null ? freeze : base.freeze(), skipBad || base.skipBad());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
