package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.zoo4j.layers.testing.Requirement;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that fills up during a checkpoint write, for real: a small tmpfs (needs root, as CI has; skipped elsewhere)
 * that holds one checkpoint but not two. Training stops with a one-line error, no partial file is left, and the earlier
 * checkpoint still loads.
 */
class DiskFullTest {

    @Test
    void aFullDiskStopsTrainingCleanly(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 8);
        Path probe = tmp.resolve("probe");
        assertThat(CliRun.of("train", "resnet20", "--data", data.toString(), "--epochs", "1", "--batch", "8",
                "--val-split", "8", "--out", probe.toString()).exitCode()).isZero();
        long checkpoint = Files.size(probe.resolve("checkpoints/epoch-0001.zip"));

        Path disk = Files.createDirectories(tmp.resolve("small-disk"));
        long size = checkpoint * 3 / 2 + 256 * 1024; // one checkpoint, the curves and metrics; not a second checkpoint
        Requirement.assume("tmpfs", run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString()),
                () -> "cannot mount a small tmpfs here (needs root)");
        try {
            Path out = disk.resolve("run");
            CliRun run = CliRun.of("train", "resnet20", "--data", data.toString(), "--epochs", "3", "--batch", "8",
                    "--val-split", "8", "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().lines().filter(l -> l.startsWith("zoo4j: "))).hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains("cannot write").contains("epoch-0002.zip"));
            assertThat(run.err()).doesNotContain("\tat ");
            assertThat(out.resolve("checkpoints")).isDirectoryNotContaining("glob:**.tmp");
            assertThat(ModelFile.load(out.resolve("checkpoints/epoch-0001.zip")).card().architecture())
                    .isEqualTo("resnet20");
        } finally {
            run("umount", disk.toString());
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
