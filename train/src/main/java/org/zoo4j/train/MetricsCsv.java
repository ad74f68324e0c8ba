package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zoo4j.zoo.file.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code metrics.csv}: one row per epoch, rewritten atomically from the full history after each. */
public final class MetricsCsv implements TrainerListener {

    private final Path file;

    public MetricsCsv(Path file) {
        this.file = file;
    }

    @Override
    public void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(EpochMetrics.CSV_HEADER);
        state.history().forEach(m -> lines.add(m.csv()));
        Path tmp = AtomicFiles.temporaryFor(file);
        Files.write(tmp, lines);
        AtomicFiles.commit(tmp, file.toAbsolutePath());
    }
}
