package org.zoo4j.train.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One training run per directory: an operating-system lock on {@code DIR/.zoo4j.lock}, which holds the owner's pid
 * and start time for the message a second run gets. The lock goes with its process, so a run killed in any way leaves
 * no stale lock behind (the file stays, and the next run takes it over).
 */
final class RunLock implements AutoCloseable {

    static final String FILE = ".zoo4j.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalStateException naming the process that holds the directory */
    static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new IllegalStateException(runDir + " is in use by another training run (" + (owner.isEmpty()
                    ? "owner unknown" : owner) + "): wait for it to finish, or train into another directory");
        }
        byte[] owner = ("pid " + ProcessHandle.current().pid() + ", since " + Instant.now()).getBytes(
                StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner), 0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
