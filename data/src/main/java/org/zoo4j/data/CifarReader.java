package org.zoo4j.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.zoo4j.core.UntrustedText;
import org.zoo4j.core.file.ReadBudget;


import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CIFAR-10 the way it is distributed: the {@code cifar-10-batches-bin/} directory, or the
 * {@code cifar-10-binary.tar.gz} archive streamed in place (no extraction step). Every record is checked; nothing is
 * skipped silently.
 */
public final class CifarReader {

    private CifarReader() {
    }

    /**
     * @param location a directory holding the batch files, or the .tar.gz archive
     * @throws NoSuchFileException  when the location or a batch file of the split is missing
     * @throws CifarFormatException when a file is truncated, has a label outside 0..9, or the archive is corrupt
     */
    /** Entries of an archive that a message names, at most. */
    private static final int MAX_NAMED = 10;
    /** batches.meta.txt: ten class names, one a line. */
    private static final long META_BYTES = 4096;

    public static CifarRecords read(Path location, Cifar10.Split split) throws IOException {
        if (!Files.exists(location)) {
            throw new NoSuchFileException(location.toString(), null, "no CIFAR-10 data here: give the "
                    + "cifar-10-batches-bin directory or the cifar-10-binary.tar.gz archive");
        }
        List<String> wanted = split == Cifar10.Split.TRAIN ? Cifar10.TRAIN_FILES : List.of(Cifar10.TEST_FILE);
        return Files.isDirectory(location) ? readDirectory(location, wanted) : readArchive(location, wanted);
    }

    private static CifarRecords readDirectory(Path dir, List<String> wanted) throws IOException {
        Records records = new Records();
        for (String name : wanted) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "missing from the CIFAR-10 directory, which "
                        + "should hold " + String.join(", ", Cifar10.TRAIN_FILES) + " and " + Cifar10.TEST_FILE);
            }
            records.add(file.toString(), Files.readAllBytes(file));
        }
        Path meta = dir.resolve(Cifar10.META_FILE);
        List<String> names = Files.isRegularFile(meta) ? classNames(meta.toString(), Files.readAllBytes(meta))
                : Cifar10.CLASS_NAMES;
        return records.build(names, dir.toString());
    }

    private static CifarRecords readArchive(Path archive, List<String> wanted) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        byte[] meta = null;
        ReadBudget budget = ReadBudget.of(archive);
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                String base = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (seen.size() < MAX_NAMED) {
                    seen.add(UntrustedText.quote(entry.getName()));
                }
                if (wanted.contains(base)) {
                    found.put(base, budget.readAtMost(tar, entry.getName(), ReadBudget.MAX_ARRAY));
                } else if (base.equals(Cifar10.META_FILE)) {
                    meta = budget.readAtMost(tar, entry.getName(), META_BYTES);
                }
            }
        } catch (IOException e) {
            if (e instanceof CifarFormatException) {
                throw e;
            }
            throw new CifarFormatException(archive + ": not a readable .tar.gz archive ("
                    + UntrustedText.oneLine(e.getMessage()) + "); download it again or give the extracted "
                    + "cifar-10-batches-bin directory", e);
        }
        Records records = new Records();
        for (String name : wanted) {
            byte[] data = found.get(name);
            if (data == null) {
                throw new NoSuchFileException(archive.toString(), null, name + " is not in the archive (it holds "
                        + seen + ")");
            }
            records.add(archive + "!" + name, data);
        }
        List<String> names = meta == null ? Cifar10.CLASS_NAMES : classNames(archive + "!" + Cifar10.META_FILE, meta);
        return records.build(names, archive.toString());
    }

    /** Parses one batch file's bytes, checking size and labels. */
    static void check(String name, byte[] data) throws CifarFormatException {
        if (data.length == 0 || data.length % Cifar10.RECORD_BYTES != 0) {
            throw new CifarFormatException(name + ": " + data.length + " bytes is not a whole number of "
                    + Cifar10.RECORD_BYTES + "-byte records (1 label + 3,072 pixels); the file is truncated or not "
                    + "CIFAR-10 binary");
        }
        for (int r = 0; r < data.length / Cifar10.RECORD_BYTES; r++) {
            int label = data[r * Cifar10.RECORD_BYTES] & 0xff;
            if (label >= Cifar10.CLASSES) {
                throw new CifarFormatException(name + ": record " + r + " has label byte " + label
                        + ", expected 0.." + (Cifar10.CLASSES - 1));
            }
        }
    }

    private static List<String> classNames(String name, byte[] data) throws CifarFormatException {
        List<String> names = new String(data, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (names.size() != Cifar10.CLASSES) {
            throw new CifarFormatException(name + ": expected " + Cifar10.CLASSES + " class names, one a line, found "
                    + names.size() + " " + names);
        }
        return names;
    }

    /** Accumulates checked batch files into labels and pixel planes. */
    static final class Records {
        private final ByteArrayOutputStream labels = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();

        void add(String name, byte[] data) throws CifarFormatException {
            check(name, data);
            for (int r = 0; r < data.length / Cifar10.RECORD_BYTES; r++) {
                int start = r * Cifar10.RECORD_BYTES;
                labels.write(data[start]);
                pixels.write(data, start + 1, Cifar10.IMAGE_BYTES);
            }
        }

        CifarRecords build(List<String> classNames, String source) throws CifarFormatException {
            if (labels.size() == 0) {
                throw new CifarFormatException(source + ": no records");
            }
            return new CifarRecords(labels.toByteArray(), pixels.toByteArray(), classNames, source);
        }
    }

    /** Reads a stream of concatenated records (the format of one batch file). */
    static CifarRecords readStream(String name, InputStream in, List<String> classNames) throws IOException {
        Records records = new Records();
        records.add(name, in.readAllBytes());
        return records.build(classNames, name);
    }

}
