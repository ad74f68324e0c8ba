package org.zoo4j.train.report;

import org.zoo4j.core.inference.Evaluator;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.core.file.ModelCard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A self-contained HTML page of one evaluation of a model: the evaluation part of a run's report and its card. */
public final class EvaluationPage {

    private EvaluationPage() {
    }

    /** Writes the page atomically to {@code file}; {@code data} says what was evaluated. */
    public static void write(Path file, ModelCard card, long parameters, Evaluator.Result result, String data)
            throws IOException {
        String title = "zoo4j evaluation: " + card.architecture();
        String body = "<h1>" + Html.escape(title) + "</h1>\n<p class=\"sub\">" + Html.escape(data)
                + String.format(Locale.ROOT, " · mean cross-entropy %.4f", result.loss()) + "</p>\n<h2>Evaluation</h2>\n"
                + EvaluationSection.html(result.evaluation(), data) + "<h2>Model</h2>\n"
                + Html.properties(RunReport.cardRows(card, parameters)) + "<h2>Machine</h2>\n"
                + Html.properties(Machine.current().rows());
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, Html.page(title, body, "").getBytes(StandardCharsets.UTF_8));
    }
}
