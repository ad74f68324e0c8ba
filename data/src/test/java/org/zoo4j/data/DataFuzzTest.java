package org.zoo4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zoo4j.core.Images;
import org.zoo4j.layers.testing.FuzzFiles;
import org.zoo4j.layers.testing.Refusal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the readers of data files: CIFAR-10's test batch and archive, and images. Any
 * file reads or is refused in one line. Inputs in {@code DataFuzzTestInputs/TARGET}.
 */
class DataFuzzTest {

    private static final Path DIR = FuzzFiles.temporary("cifar");
    private static final Path FILE = FuzzFiles.temporary("file");

    /** A directory whose test_batch.bin is the input. */
    @FuzzTest(maxDuration = "3m")
    void cifarBatch(byte[] bytes) throws Exception {
        Files.createDirectories(DIR);
        Files.write(DIR.resolve(Cifar10.TEST_FILE), bytes);
        Refusal.readOrRefuse(IOException.class, () -> CifarReader.read(DIR, Cifar10.Split.TEST));
    }

    /** cifar-10-binary.tar.gz. */
    @FuzzTest(maxDuration = "3m")
    void cifarArchive(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        Refusal.readOrRefuse(IOException.class, () -> CifarReader.read(FILE, Cifar10.Split.TEST));
    }

    /** A PNG, JPEG, BMP or GIF, as predict and image folders decode it. */
    @FuzzTest(maxDuration = "3m")
    void image(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        Refusal.readOrRefuse(IOException.class, () -> Images.read(FILE));
    }
}
