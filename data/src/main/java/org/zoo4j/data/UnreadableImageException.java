package org.zoo4j.data;

import java.nio.file.Path;

/** An image of a folder that cannot be read, where the caller did not ask to skip such files. */
public class UnreadableImageException extends IllegalArgumentException {

    private final Path file;
    private final String problem;

    public UnreadableImageException(Path file, String problem) {
        super(file + " " + problem + " (skip such files on purpose to go on without them)");
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** What is wrong with it, worded to follow the file's name. */
    public String problem() {
        return problem;
    }
}
