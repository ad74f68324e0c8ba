package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {

    @Test
    void everySubcommandAnswersHelp() {
        List<String> names = Zoo4j.commandLine().getSubcommands().keySet().stream().toList();
        assertThat(names).contains("train", "eval", "predict", "infer", "summary", "import-torch", "bench", "list");
        for (String name : names) {
            CliRun run = CliRun.of(name, "--help");
            assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
            assertThat(run.out()).as(name).contains("Usage: zoo4j " + name);
        }
    }

    @Test
    void errorListsShowOneItemPerLineCapped() {
        StringBuilder message = new StringBuilder("cannot import into x: 25 problem(s):");
        for (int i = 1; i <= 25; i++) {
            message.append("\n  missing layer").append(i);
        }
        String shown = Zoo4j.message(new IllegalArgumentException(message.toString()));
        assertThat(shown.lines()).hasSize(1 + Zoo4j.MAX_ITEMS + 1).first().asString()
                .startsWith("zoo4j: cannot import into x");
        assertThat(shown).contains("\n  missing layer1\n").contains("\n  missing layer20\n")
                .doesNotContain("layer21").endsWith("  ... and 5 more\n");
    }

    /** A stack overflow or out-of-memory escapes picocli's handler, which takes exceptions: it is one line too. */
    @Test
    void anErrorIsOneLineWithItsStackOnlyOnRequest() {
        CommandLine cli = Zoo4j.commandLine();
        cli.addSubcommand("overflow", new CommandLine(new Overflow()));
        CliRun run = CliRun.of(cli, "overflow");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("zoo4j: StackOverflowError (--verbose for details)\n");

        CommandLine verbose = Zoo4j.commandLine();
        verbose.addSubcommand("overflow", new CommandLine(new Overflow()));
        assertThat(CliRun.of(verbose, "overflow", "--verbose").err()).contains("java.lang.StackOverflowError")
                .contains("at org.zoo4j.cli.HelpTest$Overflow.call");
    }

    @Command(name = "overflow")
    static final class Overflow implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }
}
