package org.zoo4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Where a benchmark's time goes, per ND4J op, from ND4J's own {@link OpProfiler}. It keeps per-op totals only for
 * calls of 0.1 ms or longer, which is every op that matters at batch sizes worth profiling.
 */
final class OpProfile {

    /** One line of {@code OpProfiler}'s percentage table: "CustomOp conv2d_bp (hash)  >>>  perc: 23.5 Time spent: 661 ms". */
    private static final Pattern LINE = Pattern.compile("^\\S+ (\\S+) \\(.*\\)\\s+>>>\\s+perc: ([\\d.E-]+) Time spent: (\\d+) ms$");

    private static final Pattern TOTAL = Pattern.compile("Total time spent: (\\d+) ms");

    private OpProfile() {
    }

    static void start() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
    }

    /**
     * Stops profiling and prints the {@code top} costliest ops with their share of the ND4J op time, and how much of
     * the measured step time ({@code stepMillis}) that covers: the rest is outside ND4J ops (zoo4j's oneDNN
     * BatchNorm, DL4J's Java code, ops under 0.1 ms).
     */
    static void stopAndPrint(PrintWriter out, int top, int steps, double stepMillis) {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        String table = OpProfiler.getInstance().getLongAggergator().asPercentageString();
        Matcher total = TOTAL.matcher(table);
        out.printf(Locale.ROOT, "op profile (ND4J op profiler, calls >= 0.1 ms; timings above include its overhead): "
                + "ND4J ops %.1f of %.1f ms/step%n", total.find() ? Long.parseLong(total.group(1)) / (double) steps : 0,
                stepMillis);
        int printed = 0;
        for (String line : table.split("\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (m.matches() && printed++ < top) {
                out.printf(Locale.ROOT, "  %-16s %5.1f%%  %8.1f ms/step%n", m.group(1), Double.parseDouble(m.group(2)),
                        Long.parseLong(m.group(3)) / (double) steps);
            }
        }
        if (printed == 0) {
            out.println(table); // an ND4J version with another table layout: show it as it is
        }
    }
}
