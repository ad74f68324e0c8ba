package org.zoo4j.cli;

import org.zoo4j.layers.Dl4jHelpers;
import org.zoo4j.zoo.CudaSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code zoo4j} command line: one subcommand per task; library logic lives in the library modules. */
@Command(name = "zoo4j", mixinStandardHelpOptions = true, version = "zoo4j 0.1.0",
        description = "A model zoo for Deeplearning4j: VGG, ResNet and DenseNet on CIFAR-10.",
        subcommands = {ListCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
                SummaryCommand.class, ImportTorchCommand.class, InferCommand.class, BenchCommand.class,
                ConvDemoCommand.class, DownloadCommand.class,
                BenchDataCommand.class,
                CommandLine.HelpCommand.class})
public final class Zoo4j {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean verbose; // read from the arguments by the exception handler, declared here so every command accepts it

    public static void main(String[] args) {
        Dl4jHelpers.enableUnlessConfigured(); // before any checkpoint is restored, too
        try {
            CudaSupport.requireSupportedDevice(new java.io.PrintWriter(System.err, true)); // before ND4J starts
        } catch (IllegalStateException e) {
            System.err.println("zoo4j: " + e.getMessage());
            System.exit(1);
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line, errors turned into one line on stderr (the stack trace with {@code --verbose}). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Zoo4j());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (parseResult.expandedArgs().contains("--verbose")) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("zoo4j: " + oneLine(e));
            }
            return 1;
        });
        return cli;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        return (message == null ? e.getClass().getSimpleName() : message.replace('\n', ' '))
                + " (--verbose for details)";
    }
}
