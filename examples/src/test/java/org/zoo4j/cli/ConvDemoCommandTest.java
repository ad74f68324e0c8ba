package org.zoo4j.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConvDemoCommandTest {

    @Test
    void printsTheDemo() {
        CliRun run = CliRun.of("convdemo");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("conv 3x3 stride 2 VALID: [1, 1, 2, 2] [-67, -77, -117, -127]")
                .contains("separable 39");
    }
}
