package org.zoo4j.spark;

import org.zoo4j.train.run.DataSource;
import org.zoo4j.train.run.ValidationSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.data.Augmentation;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.run.Recipe;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.TrainingRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tools/spark/standalone.sh starts a real standalone master and two workers on loopback (from this test's class
 * path), a zoo4j run trains against them, and the script stops exactly what it started, executors included.
 */
class StandaloneClusterTest {

    private static final Path SCRIPT = Path.of("..", "tools", "spark", "standalone.sh").toAbsolutePath().normalize();

    @Test
    void aRunTrainsOnALoopbackClusterThatStopsCleanly(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("cluster");
        String url = script(state, "start", "--workers", "2").trim();
        assertThat(url).matches("spark://127\\.0\\.0\\.1:\\d+");
        List<ProcessHandle> daemons = daemons(state);
        assertThat(daemons).hasSize(3).allMatch(ProcessHandle::isAlive);
        TrainingState done;
        try (SparkEngine engine = SparkEngine.connect(url, new SparkSettings(0, 2, 0))) {
            assertThat(engine.workers()).isEqualTo(2);
            done = new TrainingRun(tmp.resolve("run")).engine(engine).start(settings(StripesCifar.write(tmp, 30)));
            assertThat(executors(state)).as("the workers' executors").hasSize(2);
        } finally {
            script(state, "stop");
        }
        assertThat(done.epochsDone()).isEqualTo(2);
        assertThat(done.last().trainLoss()).isLessThan(done.history().get(0).trainLoss());
        for (ProcessHandle daemon : daemons) {
            assertThat(daemon.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!executors(state).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(executors(state)).isEmpty();
    }

    private static String script(Path state, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("ZOO4J_SPARK_DIR", state.toString());
        env.put("ZOO4J_CLASSPATH", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static List<ProcessHandle> daemons(Path state) throws Exception {
        try (Stream<Path> files = Files.list(state)) {
            return files.filter(f -> f.toString().endsWith(".pid")).map(f -> {
                try {
                    return ProcessHandle.of(Long.parseLong(Files.readString(f).trim())).orElseThrow();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** Executor JVMs the workers launched: they run in the cluster's work directories. */
    private static List<ProcessHandle> executors(Path state) {
        return ProcessHandle.allProcesses().filter(p -> runsIn(p, state)).toList();
    }

    private static boolean runsIn(ProcessHandle process, Path dir) {
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline"))).contains("CoarseGrainedExecutorBackend")
                    && Files.readSymbolicLink(proc.resolve("cwd")).startsWith(dir);
        } catch (java.io.IOException e) { // gone, or not ours to read
            return false;
        }
    }

    private static RunSettings settings(Path data) {
        RunSettings base = RunSettings.of(Recipe.STANDARD, "resnet20");
        Hyperparameters h = base.hyperparameters();
        return new RunSettings("resnet20", DataSource.of(data.toString()), 0, new ValidationSplit.Count(30),
                Augmentation.NONE, base.normalization(), base.format(),
                new Hyperparameters(2, 16, h.optimizer(), 0.05, h.momentum(), h.nesterov(),
                h.weightDecay(), h.schedule(), 0, 7, 0, 0, false), null, false);
    }
}
