package org.zoo4j.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code zoo4j} launcher of this checkout, run as a user runs it: a child process in its own working directory,
 * its stdout and stderr captured to files, its exit code read after it ends.
 */
final class Launcher {

    /** The checkout the build packaged (failsafe passes it; the launcher uses cli/target/zoo4j-cli.jar there). */
    static final Path ROOT = Path.of(System.getProperty("zoo4j.root", ".")).toAbsolutePath();

    private static final Path LOGS = logs();

    private Launcher() {
    }

    /** Outside the commands' working directories, so that a test sees exactly what a command wrote there. */
    private static Path logs() {
        try {
            return Files.createTempDirectory("zoo4j-e2e-logs");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a finished command printed and returned. */
    record Result(int exitCode, String out, String err, double seconds) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + seconds + " s\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A command still running, with its output going to files in its working directory. */
    record Running(Process process, Path outFile, Path errFile, long started) {

        String err() throws IOException {
            return Files.readString(errFile);
        }

        Result waitFor(long seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + seconds + " s; stderr so far:\n" + err());
            }
            return new Result(process.exitValue(), Files.readString(outFile), err(),
                    Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        }

        /** Sends a signal by name (INT, TERM) as a terminal or {@code kill} does. */
        void signal(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        }
    }

    /** Runs {@code zoo4j ARGS...} in {@code dir} to its end (at most {@code seconds}). */
    static Result run(Path dir, long seconds, String... args) throws IOException, InterruptedException {
        return start(dir, args).waitFor(seconds);
    }

    /** {@link #run} with environment variables set for the command. */
    static Result run(Path dir, long seconds, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return start(dir, env, args).waitFor(seconds);
    }

    static Running start(Path dir, String... args) throws IOException {
        return start(dir, java.util.Map.of(), args);
    }

    static Running start(Path dir, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("zoo4j").toString()));
        command.addAll(List.of(args));
        long n = System.nanoTime();
        Path out = LOGS.resolve("stdout-" + n + ".txt");
        Path err = LOGS.resolve("stderr-" + n + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        return new Running(process, out, err, System.nanoTime());
    }
}
