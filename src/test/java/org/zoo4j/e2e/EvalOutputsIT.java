package org.zoo4j.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eval} writes only what it was asked for: nothing into the working directory by default. */
class EvalOutputsIT {

    @TempDir
    Path work;

    @Test
    void writesTheHeatMapOnlyWhereAsked() throws Exception {
        Launcher.Result plain = Launcher.run(work, 300, "eval", "resnet20.cifar10", "--val-split", "500");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("accuracy").doesNotContain("heat map");
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).isEmpty();
        }

        Launcher.Result asked = Launcher.run(work, 300, "eval", "resnet20.cifar10", "--val-split", "500",
                "--heatmap", "cm.png");
        assertThat(asked.exitCode()).as(asked.toString()).isZero();
        assertThat(asked.out()).contains("confusion matrix heat map: cm.png");
        assertThat(Files.readAllBytes(work.resolve("cm.png"))).startsWith(0x89, 'P', 'N', 'G');
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("cm.png");
        }
    }

    /** Flip test-time augmentation changes the predictions (the mirror images are seen too), not the images counted. */
    @Test
    void flipTtaEvaluatesTheSameImagesAnotherWay() throws Exception {
        Launcher.Result plain = Launcher.run(work, 300, "eval", "resnet20.cifar10", "--val-split", "500", "--json");
        Launcher.Result flip = Launcher.run(work, 300, "eval", "resnet20.cifar10", "--val-split", "500", "--json",
                "--tta", "flip");
        assertThat(flip.exitCode()).as(flip.toString()).isZero();
        var mapper = new org.nd4j.shade.jackson.databind.ObjectMapper();
        var a = mapper.readTree(plain.out());
        var b = mapper.readTree(flip.out());
        assertThat(b.get("loss").asDouble()).isNotEqualTo(a.get("loss").asDouble());
        assertThat(b.get("confusion").toString()).isNotEqualTo(a.get("confusion").toString());
    }
}
