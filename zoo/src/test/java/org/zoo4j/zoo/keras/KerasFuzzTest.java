package org.zoo4j.zoo.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zoo4j.layers.testing.FuzzFiles;
import org.zoo4j.layers.testing.Refusal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Coverage-guided fuzzing (Jazzer) of the Keras .h5 reader. Inputs in {@code KerasFuzzTestInputs/h5}. */
class KerasFuzzTest {

    private static final Path FILE = FuzzFiles.temporary("model.h5");

    @FuzzTest(maxDuration = "3m")
    void h5(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        Refusal.readOrRefuse(IOException.class, () -> KerasImport.read(FILE));
    }
}
