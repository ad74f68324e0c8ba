package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.report.HeadlessChromium;
import org.zoo4j.train.run.TinyCifar;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code zoo4j train --ui}: the live page end to end, in a child JVM running the CLI, seen by headless Chromium. */
class LivePageTest {

    @Test
    void trainWithUiServesALivePageThatChromiumDraws(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "org.zoo4j.cli.Zoo4j", "train", "resnet20", "--data",
                data.toString(), "--epochs", "200", "--batch", "16", "--val-split", "16", "--ui", "0", "--out",
                out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String url = awaitUrl(child, log);
            List<String[]> loss = List.of();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (loss.isEmpty() && System.nanoTime() < deadline) {
                loss = HeadlessChromium.series(chromium.dom(url, 2500)).stream()
                        .filter(s -> s[0].equals("training step") && Integer.parseInt(s[1]) >= 1).toList();
            }
            assertThat(loss).as("the loss chart has a point").isNotEmpty();
            assertThat(Files.size(chromium.screenshot(url, "train-ui.png", 1280, 1000))).isGreaterThan(20_000);
        } finally {
            child.destroy(); // SIGTERM: the run stops after its step, checkpointed
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(Files.readString(log)).contains("zoo4j: stopped by SIGTERM");
        assertThat(out.resolve("report.html")).exists();
    }

    @Test
    void aPortInUseIsOneLineAndNothingTrains(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path out = tmp.resolve("run");
            CliRun run = CliRun.of("train", "resnet20", "--epochs", "1", "--ui", String.valueOf(taken.getLocalPort()),
                    "--out", out.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines().filter(l -> l.startsWith("zoo4j: --ui cannot serve the live page on "
                    + "127.0.0.1:" + taken.getLocalPort()))).hasSize(1);
            assertThat(run.err()).doesNotContain("epoch 1/1").doesNotContain("\tat ");
            assertThat(out).doesNotExist();
        }
    }

    private static String awaitUrl(Process child, Path log) throws Exception {
        Pattern url = Pattern.compile("live training page at (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Matcher m = url.matcher(Files.readString(log));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no live page URL printed:\n" + Files.readString(log));
    }
}
