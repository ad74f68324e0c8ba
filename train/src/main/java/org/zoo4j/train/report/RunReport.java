package org.zoo4j.train.report;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.train.EpochMetrics;
import org.zoo4j.core.inference.Evaluator;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingState;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.core.file.ModelCard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@value #FILE} in a run directory, rewritten atomically after every epoch and when training stops, so that every
 * run, finished or not, has one: learning curves, the metrics of each epoch, the last validation's confusion matrix
 * and per-class scores, the model card and parameter count, the command and recipe, timing and the machine. One
 * self-contained file: it opens from disk in any browser, with no server and no network.
 */
public final class RunReport implements TrainerListener {

    public static final String FILE = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ModelCard card;
    private final long parameters;
    /** The settings as shown (pretty-printed JSON) and the epochs they plan (0 when they do not say). */
    private final String settings;
    private final int planned;
    private final String command;
    private final String validation;
    private final Machine machine = Machine.current();
    private Evaluator.Result evaluation;
    private int evaluatedEpoch;

    /**
     * @param settings   the run's settings (recipe and every option) as JSON, shown as they are
     * @param command    how the run was started (a command line), or null when not known
     * @param validation what the validation data is, as its evaluation names it
     */
    public RunReport(Path runDir, ModelCard card, long parameters, String settings, String command,
                     String validation) {
        this.file = runDir.resolve(FILE);
        this.card = card;
        this.parameters = parameters;
        this.settings = pretty(settings);
        this.planned = plannedEpochs(settings);
        this.command = command;
        this.validation = validation;
    }

    public Path file() {
        return file;
    }

    @Override
    public void validated(int epoch, Evaluator.Result result) {
        this.evaluation = result;
        this.evaluatedEpoch = epoch;
    }

    @Override
    public void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
        write(state);
    }

    @Override
    public void stopped(ComputationGraph net, TrainingState state) throws IOException {
        write(state);
    }

    /** Writes the report for {@code state}. */
    public void write(TrainingState state) throws IOException {
        AtomicFiles.write(file, html(state).getBytes(StandardCharsets.UTF_8));
    }

    String html(TrainingState state) {
        List<EpochMetrics> history = state.history();
        String status = state.stopped() ? "stopped in epoch " + (state.epochsDone() + 1) + " after step "
                + state.partial().steps() + " (resumable)" : state.epochsDone() >= planned ? "finished"
                : "in progress";
        StringBuilder body = new StringBuilder();
        body.append("<h1>zoo4j run: ").append(Html.escape(card.architecture())).append("</h1>\n<p class=\"sub\">")
                .append(Html.escape(file.getParent().toAbsolutePath())).append(" · <span class=\"status\" id=\"status\">")
                .append(Html.escape(status)).append("</span></p>\n");
        body.append("<h2>Summary</h2>\n").append(Html.properties(summary(state)));
        body.append("<h2>Learning curves</h2>\n<div class=\"charts\"><div id=\"loss\"></div><div id=\"accuracy\"></div>"
                + "<div id=\"rate\"></div><div id=\"speed\"></div></div>\n");
        body.append("<h2>Metrics per epoch</h2>\n").append(metricsTable(history));
        if (evaluation != null) {
            body.append("<h2>Evaluation after epoch ").append(evaluatedEpoch).append("</h2>\n")
                    .append(EvaluationSection.html(evaluation.evaluation(), validation));
        }
        body.append("<h2>Model</h2>\n").append(Html.properties(cardRows(card, parameters)));
        body.append("<h2>Command and recipe</h2>\n<pre id=\"command\">")
                .append(Html.escape(command != null ? command : "(started from Java)")).append("</pre>\n<pre>")
                .append(Html.escape(settings)).append("</pre>\n");
        body.append("<h2>Machine</h2>\n").append(Html.properties(machine.rows()));
        return Html.page("zoo4j run: " + card.architecture(), body.toString(), "Zoo4jCharts.history("
                + Html.json(history) + ", {loss: 'loss', accuracy: 'accuracy', rate: 'rate', speed: 'speed'});");
    }

    private List<List<?>> summary(TrainingState state) {
        List<EpochMetrics> history = state.history();
        double seconds = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        double images = history.stream().mapToDouble(m -> m.seconds() * m.imagesPerSecond()).sum();
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("model", card.architecture()));
        rows.add(List.of("parameters", String.format(Locale.ROOT, "%,d", parameters)));
        rows.add(List.of("epochs", state.epochsDone() + " of " + (planned > 0 ? planned : "?")));
        history.stream().filter(m -> Double.isFinite(m.valAccuracy()))
                .max((a, b) -> Double.compare(a.valAccuracy(), b.valAccuracy()))
                .ifPresent(m -> rows.add(List.of("best validation accuracy", Html.number(m.valAccuracy(), 4)
                        + " (epoch " + m.epoch() + ")")));
        if (!history.isEmpty()) {
            rows.add(List.of("last validation accuracy", Html.number(state.last().valAccuracy(), 4)));
        }
        rows.add(List.of("training time", String.format(Locale.ROOT, "%.0f s (%.1f min), %.0f images/s", seconds,
                seconds / 60, seconds > 0 ? images / seconds : 0)));
        return rows;
    }

    private static String metricsTable(List<EpochMetrics> history) {
        List<List<?>> rows = new ArrayList<>();
        for (EpochMetrics m : history) {
            rows.add(List.of(m.epoch(), Html.number(m.trainLoss(), 4), Html.number(m.valLoss(), 4),
                    Html.number(m.valAccuracy(), 4), String.format(Locale.ROOT, "%.4g", m.learningRate()),
                    Html.number(m.seconds(), 1), Html.number(m.imagesPerSecond(), 1)));
        }
        return Html.table(List.of("epoch", "train loss", "val loss", "val accuracy", "learning rate", "seconds",
                "images/s"), rows);
    }

    /** A model card as rows of a table, with the parameter count. */
    public static List<List<?>> cardRows(ModelCard card, long parameters) {
        List<String> labels = card.labels();
        String shownLabels = labels.size() <= 20 ? String.join(", ", labels)
                : String.join(", ", labels.subList(0, 20)) + ", … (" + labels.size() + " in all)";
        return List.of(List.of("architecture", card.architecture()),
                List.of("parameters", String.format(Locale.ROOT, "%,d", parameters)),
                List.of("input", card.hasInputSize() ? Arrays.toString(card.inputShape()) + " (channels, height, "
                        + "width)" : "any size"),
                List.of("layout", card.layout()), List.of("preprocessing", card.preprocessing()),
                List.of("classes", labels.size() + ": " + shownLabels), List.of("weights", card.weights()));
    }

    private static int plannedEpochs(String settings) {
        try {
            return JSON.readTree(settings).path("hyperparameters").path("epochs").asInt(0);
        } catch (IOException | RuntimeException e) { // no settings (a run started from Java without them)
            return 0;
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException | RuntimeException e) {
            return String.valueOf(json);
        }
    }
}
