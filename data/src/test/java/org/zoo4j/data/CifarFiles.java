package org.zoo4j.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;


/** Writes small CIFAR-10 files with known contents: record r of a file has label (r + offset) % 10 and pixels
 * {@link #pixel}. */
final class CifarFiles {

    private CifarFiles() {
    }

    static int pixel(int record, int channel, int y, int x) {
        return (record * 7 + channel * 50 + y * 3 + x) & 0xff;
    }

    static byte[] batch(int records, int offset) {
        byte[] data = new byte[records * Cifar10.RECORD_BYTES];
        for (int r = 0; r < records; r++) {
            int base = r * Cifar10.RECORD_BYTES;
            data[base] = (byte) ((r + offset) % 10);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        data[base + 1 + c * 1024 + y * 32 + x] = (byte) pixel(r + offset, c, y, x);
                    }
                }
            }
        }
        return data;
    }

    /** A full distribution directory: five training files of {@code perFile} records, a test file, the meta file. */
    static Path directory(Path root, int perFile) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        for (int i = 0; i < 5; i++) {
            Files.write(dir.resolve(Cifar10.TRAIN_FILES.get(i)), batch(perFile, i * perFile));
        }
        Files.write(dir.resolve(Cifar10.TEST_FILE), batch(perFile, 100));
        Files.writeString(dir.resolve(Cifar10.META_FILE), String.join("\n", Cifar10.CLASS_NAMES) + "\n\n");
        return dir;
    }

    /** The directory's files packed as cifar-10-binary.tar.gz, under cifar-10-batches-bin/. */
    static Path archive(Path dir, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            try (var files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + p.getFileName());
                    entry.setSize(Files.size(p));
                    tar.putArchiveEntry(entry);
                    Files.copy(p, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
        return target;
    }

    static CifarRecords records(int n) {
        byte[] data = batch(n, 0);
        try {
            CifarReader.Records r = new CifarReader.Records();
            r.add("test records", data);
            return r.build(Cifar10.CLASS_NAMES, "test records");
        } catch (CifarFormatException e) {
            throw new IllegalStateException(e);
        }
    }

}
