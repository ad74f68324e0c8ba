package org.zoo4j.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The run's metrics file and learning curves, rewritten from the full history after every epoch. */
public final class RunReport {

    private RunReport() {
    }

    static void write(Path out, List<EpochMetrics> history) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(EpochMetrics.CSV_HEADER);
        history.forEach(m -> lines.add(m.csv()));
        Path csv = out.resolve("metrics.csv");
        Path tmp = AtomicFiles.temporaryFor(csv);
        Files.write(tmp, lines);
        AtomicFiles.commit(tmp, csv);

        XYChart loss = chart("Loss per epoch", "cross-entropy");
        loss.addSeries("train", epochs(history), values(history, EpochMetrics::trainLoss));
        loss.addSeries("validation", epochs(history), values(history, EpochMetrics::valLoss));
        BitmapEncoder.saveBitmap(loss, out.resolve("loss.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart accuracy = chart("Validation accuracy per epoch", "accuracy");
        accuracy.addSeries("validation", epochs(history), values(history, EpochMetrics::valAccuracy));
        BitmapEncoder.saveBitmap(accuracy, out.resolve("accuracy.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The confusion matrix as a heat map: rows actual class, columns predicted class, cells counts. */
    public static void confusionHeatmap(org.nd4j.evaluation.classification.Evaluation evaluation, List<String> classNames,
                                 Path file) throws IOException {
        org.knowm.xchart.HeatMapChart chart = new org.knowm.xchart.HeatMapChartBuilder().width(900).height(800)
                .title("Confusion matrix").xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < classNames.size(); actual++) {
            for (int predicted = 0; predicted < classNames.size(); predicted++) {
                cells.add(new Number[]{predicted, actual, evaluation.getConfusionMatrix().getCount(actual, predicted)});
            }
        }
        chart.addSeries("counts", classNames, classNames, cells);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    private static double[] epochs(List<EpochMetrics> history) {
        return history.stream().mapToDouble(EpochMetrics::epoch).toArray();
    }

    private static double[] values(List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> f) {
        return history.stream().mapToDouble(f).toArray();
    }
}
