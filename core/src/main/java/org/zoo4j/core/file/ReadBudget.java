package org.zoo4j.core.file;

import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The memory that reading one untrusted file may take: a multiple of the file's size plus a margin, shared by every
 * entry it inflates and every array it produces, so that no crafted file (a zip bomb, a view of one stored value as
 * gigabytes) takes memory out of proportion to its size.
 */
public final class ReadBudget {

    /** The longest byte array the JVM allocates. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 9;
    /** What a file may produce: this many times its size, plus {@link #MARGIN}. */
    static final int FACTOR = 4;
    static final long MARGIN = 64L << 20;

    private long left;

    public ReadBudget(long bytes) {
        this.left = bytes;
    }

    /** The budget of reading {@code file}. */
    public static ReadBudget of(Path file) throws IOException {
        return new ReadBudget(FACTOR * Files.size(file) + MARGIN);
    }

    /** An entry's bytes, exactly {@code expected} of them. */
    public byte[] read(ZipFile zip, ZipEntry entry, long expected) throws IOException {
        byte[] bytes = readAtMost(zip, entry, expected);
        if (bytes.length != expected) {
            throw new IOException(UntrustedText.quote(entry.getName()) + " holds " + bytes.length + " bytes, "
                    + expected + " expected");
        }
        return bytes;
    }

    /** An entry's bytes, refused past {@code limit}, past what is left, or past what one array holds. */
    public byte[] readAtMost(ZipFile zip, ZipEntry entry, long limit) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return readAtMost(in, entry.getName(), limit);
        }
    }

    /** The rest of {@code in}, an archive's entry {@code name}, refused as an entry of a zip file is. */
    public byte[] readAtMost(InputStream in, String name, long limit) throws IOException {
        long most = Math.min(limit, Math.min(left, MAX_ARRAY));
        byte[] bytes = in.readNBytes((int) most + 1);
        if (bytes.length > most) {
            throw new IOException(UntrustedText.quote(name) + " holds more than " + most + " bytes"
                    + (most < limit ? " (" + FACTOR + " times the file, plus " + (MARGIN >> 20) + " MiB, is all a "
                    + "file may inflate to)" : ""));
        }
        left -= bytes.length;
        return bytes;
    }

    /** Takes {@code bytes} of memory that reading the file produces, refused past what is left. */
    public void charge(long bytes, String what) throws IOException {
        if (bytes > left) {
            throw new IOException(what + " would take more than " + left + " bytes (" + FACTOR + " times the file, "
                    + "plus " + (MARGIN >> 20) + " MiB)");
        }
        left -= bytes;
    }
}
