package org.zoo4j.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.evaluation.classification.Evaluation;
import org.zoo4j.train.EpochMetrics;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The pictures of a run (XChart PNGs): learning curves after every epoch, and confusion matrices. */
final class Charts {

    private Charts() {
    }

    /** {@code loss.png} and {@code accuracy.png} in a run directory, redrawn from the history after every epoch. */
    static TrainerListener learningCurves(Path dir) {
        return new TrainerListener() {
            @Override
            public void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
                List<EpochMetrics> history = state.history();
                XYChart loss = chart("Loss per epoch", "cross-entropy");
                loss.addSeries("train", epochs(history), values(history, EpochMetrics::trainLoss));
                loss.addSeries("validation", epochs(history), values(history, EpochMetrics::valLoss));
                BitmapEncoder.saveBitmap(loss, dir.resolve("loss.png").toString(), BitmapEncoder.BitmapFormat.PNG);
                XYChart accuracy = chart("Validation accuracy per epoch", "accuracy");
                accuracy.addSeries("validation", epochs(history), values(history, EpochMetrics::valAccuracy));
                BitmapEncoder.saveBitmap(accuracy, dir.resolve("accuracy.png").toString(),
                        BitmapEncoder.BitmapFormat.PNG);
            }
        };
    }

    /** The confusion matrix as a heat map: rows actual class, columns predicted class, cells counts. */
    static void confusionHeatmap(Evaluation evaluation, List<String> classNames, Path file) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(800).title("Confusion matrix")
                .xAxisTitle("predicted").yAxisTitle("actual").build();
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
