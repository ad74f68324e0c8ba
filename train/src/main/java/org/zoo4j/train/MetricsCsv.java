package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zoo4j.core.file.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code metrics.csv}: one row per epoch, rewritten atomically from the full history after each. */
public final class MetricsCsv implements TrainerListener {

    private final Path file;

    public MetricsCsv(Path file) {
        this.file = file;
    }

    @Override
    public void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        state.history().forEach(m -> csv.append(m.csv()).append('\n'));
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
