package org.zoo4j.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo prints the notebook's numbers (values from tools/reference/conv_fixtures.py notebook_values()). */
class ConvDemoCommandTest {

    /** A dilated convolution no longer makes ND4J log a refused oneDNN call with a stack trace (run as users do). */
    @Test
    void printsNothingOnStderr(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "org.zoo4j.cli.Zoo4j", "convdemo")
                .redirectError(tmp.resolve("err.txt").toFile()).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertThat(child.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(java.nio.file.Files.readString(tmp.resolve("out.txt"))).contains("dilation 2, VALID: [1, 1, 3, 3]");
        assertThat(java.nio.file.Files.readString(tmp.resolve("err.txt"))).doesNotContain("ERROR")
                .doesNotContain("Exception");
    }

    @Test
    void printsTheNotebooksShapesAndValues() {
        CliRun run = CliRun.of("convdemo");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("max pool 2x2 stride 2 SAME on 32x32: [1, 3, 16, 16]")
                .contains("max pool 2x2 stride 1 SAME on 32x32: [1, 3, 32, 32]")
                .contains("7x7 input, 3x3 kernel, dilation 2, VALID: [1, 1, 3, 3]")
                .contains("conv 3x3 stride 2 VALID: [1, 1, 2, 2] [-67, -77, -117, -127]")
                .contains("maps to 2: 5..6")
                .contains("transposed back (VALID, default size): [1, 1, 5, 5] [67, -134, 278, -154, 231, -268, 335, "
                        + "-710, 385, -462, 586, -770, 1620, -870, 1074, -468, 585, -1210, 635, -762, 819, -936, 1942, "
                        + "-1016, 1143]")
                .contains("output padding 1): [1, 1, 6, 6] [67, -134, 278, -154, 231, 0, -268, 335, -710, 385, -462, 0,")
                .contains("conv2d_transpose stride 3 SAME, output 6x6: [1, 1, 6, 6]")
                .contains("Conv2DTranspose 3x3 stride 1 VALID on 2x2: [1, 1, 4, 4]")
                .contains("Conv2DTranspose 3x3 stride 3 SAME on 2x2: [1, 1, 6, 6]")
                .contains("ordinary conv 108 parameters, separable 39 (0.36 of it)");
    }
}
