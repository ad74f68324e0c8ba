package org.zoo4j.cli;

import org.zoo4j.data.CifarRecords;
import org.zoo4j.train.run.DataSource;
import org.zoo4j.train.run.RunData;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Where the CIFAR-10 data comes from; shared by the commands that read it. */
final class DataOptions {

    @Option(names = "--data", description = "cifar-10-batches-bin directory, cifar-10-binary.tar.gz or (bench-data) "
            + "an image folder DIR/train/<class>/* (default: the embedded 2,500-image sample).")
    Path data;

    @Option(names = "--limit", description = "Use only the first N records (quick runs).")
    Integer limit;

    /** The data --data names, told apart once: CIFAR-10 binaries, an image folder, or the embedded sample. */
    DataSource source() {
        return DataSource.of(data == null ? null : data.toString());
    }

    /** The training records, saying on {@code log} when the embedded sample stands in for missing --data. */
    CifarRecords trainRecords(PrintWriter log) throws IOException {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        DataSource source = source();
        if (source instanceof DataSource.EmbeddedSample sample) {
            log.println("zoo4j: no --data given, using " + sample);
            log.flush();
        }
        return RunData.trainRecords(source, limit == null ? 0 : limit);
    }
}
