package org.zoo4j.core.file;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zoo4j.layers.testing.FuzzFiles;
import org.zoo4j.layers.testing.Refusal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the model file reader (configuration, coefficients, updater state, card, training
 * state): any file loads or is refused in one line. Inputs in {@code ModelFileFuzzTestInputs/modelFile}.
 */
class ModelFileFuzzTest {

    private static final Path FILE = FuzzFiles.temporary("model.zip");

    @FuzzTest(maxDuration = "3m")
    void modelFile(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        Refusal.readOrRefuse(IOException.class, () -> ModelFile.load(FILE, true));
    }
}
