package org.zoo4j.core.file;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.LockSupport;

/** Replacing a file so that a crash at any moment leaves either the old one or the complete new one. */
public final class AtomicFiles {

    /**
     * A named point to kill a process at, for the tests of what a kill leaves: with {@code -Dzoo4j.pauseBeforeRename=
     * REGEX}, a commit whose target's file name matches says so on stderr and blocks between the synced temporary file
     * and its rename, until the process is killed.
     */
    public static final String PAUSE_BEFORE_RENAME = "zoo4j.pauseBeforeRename";

    private AtomicFiles() {
    }

    /** Flushes {@code tmp} to disk, then renames it over {@code target} in one step. */
    public static void commit(Path tmp, Path target) throws IOException {
        try (FileOutputStream sync = new FileOutputStream(tmp.toFile(), true)) {
            sync.getFD().sync();
        }
        String pause = System.getProperty(PAUSE_BEFORE_RENAME);
        if (pause != null && target.getFileName().toString().matches(pause)) {
            System.err.println("paused before renaming " + tmp + " to " + target + " (" + PAUSE_BEFORE_RENAME + ")");
            System.err.flush();
            while (true) {
                LockSupport.park(); // only a kill ends this
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes {@code bytes} to {@code target} through its temporary file; a failed write removes that file. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = temporaryFor(target);
        try {
            Files.write(tmp, bytes);
            commit(tmp, target.toAbsolutePath());
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The temporary name beside {@code target} that {@link #commit} is meant for. */
    public static Path temporaryFor(Path target) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".tmp");
    }
}
