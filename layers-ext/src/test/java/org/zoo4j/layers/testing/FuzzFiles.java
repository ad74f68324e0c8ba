package org.zoo4j.layers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file a fuzz target writes each input to, for readers that take a path: one per target, deleted on exit. */
public final class FuzzFiles {

    private FuzzFiles() {
    }

    public static Path temporary(String name) {
        try {
            Path dir = Files.createTempDirectory("zoo4j-fuzz-");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
