package org.zoo4j.zoo.torch;

import org.junit.jupiter.api.Test;
import org.zoo4j.layers.testing.Requirement;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tools/torch/export_npz.py through its Python unit tests: checkpoint shapes, the DataParallel prefix and the one-line
 * refusals need only python3; with PyTorch installed, a checkpoint whose pickle runs a command is refused without
 * running it, and a plain one exports (under PyTorch 2.6 or later, whose weights_only holds; before, it is refused). Requirements "python3" and "torch" (see {@link Requirement}); the interpreter is
 * {@code -Dzoo4j.python} (default: python3 on the PATH).
 */
class ExportScriptTest {

    @Test
    void checkpointShapesPrefixAndRefusal() throws Exception {
        Path tools = Path.of("..", "tools", "torch").toAbsolutePath().normalize();
        assertThat(tools.resolve("export_npz.py")).isRegularFile();
        Process python = null;
        try {
            python = new ProcessBuilder("/usr/bin/env", System.getProperty("zoo4j.python", "python3"), "-m",
                    "unittest", "discover", "-s",
                    tools.toString(), "-p", "test_*.py").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Requirement.assume("python3", false, () -> "no python3 here: " + e.getMessage());
        }
        assertThat(python.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String output = new String(python.getInputStream().readAllBytes());
        Requirement.assume("python3", python.exitValue() != 127, () -> "no python3 here: " + output);
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains("Ran 8 tests").contains("OK");
        Requirement.assume("torch", !output.contains("skipped="),
                () -> "PyTorch is not installed: export_npz's PyTorch-backed tests were skipped");
    }
}
