package org.zoo4j.train.report;

import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.EvaluationAveraging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation part of zoo4j's pages, from DL4J's {@link Evaluation}: accuracy, macro scores, the confusion matrix
 * (rows: true class, columns: predicted; cells shaded by their share of the row) and per-class precision, recall and
 * F1. Beyond {@value #MATRIX_LIMIT} classes the matrix would be unreadable: the most frequent confusions are listed.
 */
public final class EvaluationSection {

    static final int MATRIX_LIMIT = 30;
    private static final int TOP_CONFUSIONS = 20;

    private EvaluationSection() {
    }

    /** The section's HTML; {@code data} says what was evaluated (e.g. "data_batch_5, 10,000 images"). */
    public static String html(Evaluation eval, String data) {
        ConfusionMatrix<Integer> cm = eval.getConfusionMatrix();
        if (cm == null) {
            return "<p>Nothing was evaluated.</p>\n";
        }
        int n = cm.getClasses().size();
        StringBuilder html = new StringBuilder();
        html.append(String.format(Locale.ROOT, "<p>%s: accuracy <b id=\"accuracy\">%s</b>, macro precision %s, "
                        + "recall %s, F1 %s over %,d images.</p>%n", Html.escape(data), Html.number(eval.accuracy(), 4),
                Html.number(eval.precision(EvaluationAveraging.Macro), 4),
                Html.number(eval.recall(EvaluationAveraging.Macro), 4),
                Html.number(eval.f1(EvaluationAveraging.Macro), 4), total(cm, n)));
        html.append(n <= MATRIX_LIMIT ? matrix(eval, cm, n) : confusions(eval, cm, n));
        List<List<?>> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            rows.add(List.of(eval.getClassLabel(c), Html.number(eval.precision(c), 4), Html.number(eval.recall(c), 4),
                    Html.number(eval.f1(c), 4), eval.classCount(c)));
        }
        html.append("<h3>Per class</h3>\n").append(Html.table(List.of("class", "precision", "recall", "F1", "images"),
                rows));
        return html.toString();
    }

    private static String matrix(Evaluation eval, ConfusionMatrix<Integer> cm, int n) {
        StringBuilder html = new StringBuilder("<h3>Confusion matrix</h3>\n<p class=\"sub\">Rows: true class; columns: "
                + "predicted.</p>\n<table class=\"cm\">\n<tr><th class=\"l\">true \\ predicted</th>");
        for (int c = 0; c < n; c++) {
            html.append("<th>").append(Html.escape(eval.getClassLabel(c))).append("</th>");
        }
        html.append("</tr>\n");
        for (int actual = 0; actual < n; actual++) {
            int rowTotal = Math.max(1, cm.getActualTotal(actual));
            html.append("<tr><th class=\"l\">").append(Html.escape(eval.getClassLabel(actual))).append("</th>");
            for (int predicted = 0; predicted < n; predicted++) {
                int count = cm.getCount(actual, predicted);
                double share = count / (double) rowTotal;
                String color = actual == predicted ? "40,140,60" : "214,39,40";
                html.append(String.format(Locale.ROOT, "<td style=\"background: rgba(%s,%.2f)\">%d</td>", color,
                        0.8 * share, count));
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String confusions(Evaluation eval, ConfusionMatrix<Integer> cm, int n) {
        record Pair(int actual, int predicted, int count) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                int count = cm.getCount(a, p);
                if (a != p && count > 0) {
                    pairs.add(new Pair(a, p, count));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::count).reversed());
        List<List<?>> rows = new ArrayList<>();
        pairs.stream().limit(TOP_CONFUSIONS).forEach(p -> rows.add(List.of(eval.getClassLabel(p.actual),
                eval.getClassLabel(p.predicted), p.count)));
        return "<h3>Most frequent confusions</h3>\n<p class=\"sub\">" + n + " classes: the full matrix is omitted.</p>\n"
                + Html.table(List.of("true class", "predicted", "images"), rows);
    }

    private static long total(ConfusionMatrix<Integer> cm, int n) {
        long total = 0;
        for (int c = 0; c < n; c++) {
            total += cm.getActualTotal(c);
        }
        return total;
    }
}
