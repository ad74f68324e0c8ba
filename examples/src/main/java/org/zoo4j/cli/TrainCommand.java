package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.data.Augmentation;
import org.zoo4j.train.LearningRateSchedule;
import org.zoo4j.train.Recipe;
import org.zoo4j.train.Trainer;
import org.zoo4j.train.TrainingOptions;
import org.zoo4j.train.TrainingState;
import org.zoo4j.zoo.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "train", description = "Train a zoo model on CIFAR-10 (DL4J fit loop), with validation, metrics, "
        + "learning curves and checkpoints in --out.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "Model name (zoo4j list). Not needed with --resume.")
    String model;

    @Option(names = "--recipe", defaultValue = "standard", description = "Starting point: standard (SGD+Nesterov "
            + "0.1, cosine, wd 5e-4, crop+flip; He et al. 2016) or seed (the notebook's Adam 1e-4, [0,1] pixels). "
            + "Default: ${DEFAULT-VALUE}.")
    String recipe;

    @Option(names = "--data", description = "cifar-10-batches-bin directory or cifar-10-binary.tar.gz "
            + "(default: the embedded 2,500-image sample).")
    Path data;

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

    @Option(names = "--warmup-epochs", description = "Linear learning-rate warm-up epochs.")
    Integer warmupEpochs;

    @Option(names = "--augment", negatable = true, description = "Random crop + flip (--no-augment: none).")
    Boolean augment;

    @Option(names = "--val-split", description = "Validation hold-out: a fraction (0.1, the default), a count "
            + "(5000), last:N (the last N records; last:10000 is data_batch_5) or 0 (use the test split).")
    String valSplit;

    @Option(names = "--limit", description = "Use only the first N training records.")
    Integer limit;

    @Option(names = "--seed", description = "Seed for weights, data order and augmentation (default 42).")
    Long seed;

    @Option(names = "--threads", description = "Threads for ND4J's math (default: all cores).")
    Integer threads;

    @Option(names = "--out", description = "Output directory (default: runs/MODEL-TIME).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its newest valid checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        var log = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        TrainingState state;
        if (resume) {
            if (out == null) {
                throw new IllegalArgumentException("--resume needs --out, the directory of the run to continue");
            }
            state = new Trainer(out, log, terminal).resume(Optional.ofNullable(epochs));
        } else {
            if (model == null) {
                throw new IllegalArgumentException("name the model to train (zoo4j list shows them), or --resume");
            }
            ModelRegistry.card(model);
            Path dir = out != null ? out : Path.of("runs", model + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            state = new Trainer(dir, log, terminal).train(options());
            out = dir;
        }
        var summary = spec.commandLine().getOut();
        summary.printf("trained %s for %d epochs: best validation accuracy %.4f; checkpoints, metrics.csv, loss.png and "
                        + "accuracy.png in %s%n", state.options().model(), state.epochsDone(), state.bestAccuracy(), out);
        summary.flush();
        return 0;
    }

    private TrainingOptions options() {
        Recipe r = choice(Recipe.class, recipe, "--recipe");
        TrainingOptions base = TrainingOptions.of(r, model);
        Augmentation aug = augment == null ? base.augmentation() : augment ? Augmentation.STANDARD : Augmentation.NONE;
        return new TrainingOptions(model, data == null ? null : data.toString(), limit == null ? 0 : positive(limit),
                valSplit == null ? base.validation() : valSplit, or(epochs, base.epochs()), or(batch, base.batch()),
                optimizer == null ? base.optimizer() : choice(Recipe.Optimizer.class, optimizer, "--optimizer"),
                or(lr, base.lr()), or(momentum, base.momentum()), or(nesterov, base.nesterov()),
                or(weightDecay, base.weightDecay()),
                schedule == null ? base.schedule() : choice(LearningRateSchedule.Kind.class, schedule, "--schedule"),
                or(warmupEpochs, base.warmupEpochs()), aug, base.normalization(), or(seed, base.seed()),
                format == null ? base.format() : choice(CNN2DFormat.class, format, "--format"));
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        return limit;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value, String flag) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(flag + " takes one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase()).toList() + ", got '" + value + "'");
    }
}
