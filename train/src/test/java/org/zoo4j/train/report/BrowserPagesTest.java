package org.zoo4j.train.report;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.InMemoryData;
import org.zoo4j.train.TinyNets;
import org.zoo4j.train.Trainer;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.live.LiveDashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Both pages rendered by a real browser (headless Chromium): the charts are drawn, with the run's points. */
class BrowserPagesTest {

    @Test
    void theLivePageDrawsTheLossWhileTrainingRuns() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        ComputationGraph net = TinyNets.of("resnet", 3).build().init();
        CountDownLatch firstEpochDone = new CountDownLatch(1);
        CountDownLatch browserDone = new CountDownLatch(1);
        TrainerListener pause = new TrainerListener() { // holds training after epoch 1 while the browser looks
            @Override
            public void epochFinished(ComputationGraph n, TrainingState state) throws java.io.IOException {
                if (state.epochsDone() == 1) {
                    firstEpochDone.countDown();
                    try {
                        browserDone.await(3, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (LiveDashboard live = LiveDashboard.start(0, "zoo4j live test")) {
            CompletableFuture<TrainingState> training = CompletableFuture.supplyAsync(() -> {
                try {
                    return Trainer.builder(net, InMemoryData.iterator(24, 8, 1))
                            .validation(InMemoryData.iterator(12, 6, 2)).labels(InMemoryData.LABELS).epochs(2)
                            .listener(live).listener(pause).build().fit();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                assertThat(firstEpochDone.await(2, TimeUnit.MINUTES)).isTrue();
                String dom = chromium.dom(live.uri().toString(), 3000);
                List<String[]> series = HeadlessChromium.series(dom);
                assertThat(series).as(dom).anySatisfy(s -> {
                    assertThat(s[0]).isEqualTo("training step");
                    assertThat(Integer.parseInt(s[1])).isEqualTo(3);
                });
                assertThat(dom).contains("id=\"status\">epoch 1 of 2").contains("stem.conv");
                Path png = chromium.screenshot(live.uri().toString(), "live-page.png", 1280, 1000);
                assertThat(Files.size(png)).isGreaterThan(20_000);
            } finally {
                browserDone.countDown();
            }
            assertThat(training.get(2, TimeUnit.MINUTES).epochsDone()).isEqualTo(2);
        }
    }

    @Test
    void theReportRendersFromDiskWithEveryEpoch(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path report = RunReportTest.trainedRun(dir);
        String url = report.toUri().toString();
        List<String[]> series = HeadlessChromium.series(chromium.dom(url, 2000));
        assertThat(series).extracting(s -> s[0] + "=" + s[1]).containsExactly("train=2", "validation=2",
                "validation=2", "end of epoch=2", "training=2");
        Path png = chromium.screenshot(url, "report.png", 1280, 2200);
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }
}
