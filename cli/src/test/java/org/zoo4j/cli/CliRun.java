package org.zoo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** One run of the command line in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(Zoo4j.commandLine(), args);
    }

    /** A run of {@code cli}, as {@link Zoo4j#run} makes it. */
    static CliRun of(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = Zoo4j.run(cli, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code zoo4j infer MODEL --input INPUT --output DIR/NAME.npy OPTIONS...}, which must succeed; its output. */
    static INDArray infer(Path dir, String name, String model, Path input, String... options) throws IOException {
        Path out = dir.resolve(name + ".npy");
        List<String> args = new ArrayList<>(List.of("infer", model, "--input", input.toString(), "--output",
                out.toString()));
        args.addAll(List.of(options));
        CliRun run = of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Nd4j.createFromNpyFile(out.toFile());
    }
}
