package org.zoo4j.zoo.torch;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tools/torch/export_npz.py's checkpoint handling (the shapes training scripts save, the DataParallel prefix), through
 * its Python unit tests, which need no PyTorch; skipped where no python3 is installed.
 */
class ExportScriptTest {

    @Test
    void checkpointShapesAndPrefix() throws Exception {
        Path tools = Path.of("..", "tools", "torch").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(tools.resolve("export_npz.py")), "tools/torch not beside zoo/");
        Process python;
        try {
            python = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", tools.toString(), "-p",
                    "test_*.py").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no python3 here: " + e.getMessage());
            return;
        }
        assertThat(python.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("Ran 4 tests").contains("OK");
    }
}
