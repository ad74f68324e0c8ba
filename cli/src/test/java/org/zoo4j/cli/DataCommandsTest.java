package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataCommandsTest {

    @Test
    void benchDataReportsARateOnTheSample() {
        CliRun run = CliRun.of("bench-data", "--images", "512", "--runs", "1", "--batch", "64");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("no --data given, using the embedded 2,500-image CIFAR-10 sample");
        assertThat(run.out()).containsPattern("at 32x32, batch 64, augmentation pad-crop\\+flip: median \\d+ images/s");
    }

    @Test
    void missingDataIsOneLineNamingThePath(@TempDir Path tmp) {
        CliRun run = CliRun.of("bench-data", "--data", tmp.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("zoo4j: ").contains("nope").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void downloadKnowsOnlyCifar10() {
        CliRun run = CliRun.of("download", "imagenet", "--dir", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected one of [cifar10]");
    }
}
