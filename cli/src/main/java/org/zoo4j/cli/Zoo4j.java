package org.zoo4j.cli;

import org.zoo4j.layers.runtime.Zoo4jRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/** The {@code zoo4j} command line: one subcommand per task; library logic lives in the library modules. */
@Command(name = "zoo4j", mixinStandardHelpOptions = true, version = "zoo4j 0.1.0",
        description = "A model zoo for Deeplearning4j: VGG, ResNet and DenseNet on CIFAR-10.",
        subcommands = {ListCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
                SummaryCommand.class, ImportTorchCommand.class, ImportKerasCommand.class, ExportOnnxCommand.class, PackWeightsCommand.class, InferCommand.class, BenchCommand.class,
                ConvDemoCommand.class, DownloadCommand.class, BenchDataCommand.class,
                CommandLine.HelpCommand.class})
public final class Zoo4j {

    /** Items of a multi-line error message shown before "... and N more". */
    static final int MAX_ITEMS = 20;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean verbose; // read from the arguments by the exception handler, declared here so every command accepts it

    public static void main(String[] args) {
        try {
            Zoo4jRuntime.configure().ifPresent(device -> System.err.println("zoo4j: " + device.describe()));
        } catch (IllegalStateException e) {
            System.err.println("zoo4j: " + e.getMessage());
            System.exit(1);
        }
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error), with everything it
     * printed flushed: picocli's writers flush only on println, and {@code System.exit} discards what they hold.
     */
    public static int run(String... args) {
        return run(commandLine(), args);
    }

    /**
     * {@link #run(String...)} on a given command line. An {@link Error} (out of memory, a stack overflow) escapes
     * picocli's exception handler, which takes exceptions only; it is reported here, in one line as they are.
     */
    static int run(CommandLine cli, String... args) {
        try {
            return cli.execute(args);
        } catch (Error e) {
            report(e, cli, Arrays.asList(args).contains("--verbose"));
            return 1;
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /** The command line: every subcommand answers --help; errors become one line on stderr (items one per line). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Zoo4j());
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            report(e, commandLine, parseResult.expandedArgs().contains("--verbose"));
            return 1;
        });
        return cli;
    }

    private static void report(Throwable e, CommandLine cli, boolean verbose) {
        if (verbose) {
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().print(message(e));
        }
        cli.getErr().flush();
    }

    /**
     * The error as the user sees it: its first line prefixed "zoo4j: ", any further lines (the items of a list, such
     * as an importer's problems) one per line, at most {@value #MAX_ITEMS}.
     */
    static String message(Throwable e) {
        String text = Flags.described(e);
        List<String> lines = Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        StringBuilder out = new StringBuilder("zoo4j: ").append(lines.get(0)).append(" (--verbose for details)\n");
        lines.stream().skip(1).limit(MAX_ITEMS).forEach(l -> out.append("  ").append(l).append('\n'));
        if (lines.size() - 1 > MAX_ITEMS) {
            out.append("  ... and ").append(lines.size() - 1 - MAX_ITEMS).append(" more\n");
        }
        return out.toString();
    }
}
