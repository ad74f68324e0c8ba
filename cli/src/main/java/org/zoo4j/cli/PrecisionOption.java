package org.zoo4j.cli;

import java.util.Locale;
import org.zoo4j.layers.conv.ComputePrecision;
import picocli.CommandLine.Option;

/** {@code --precision}, for the commands that run a network. */
final class PrecisionOption {

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 (default) or bf16: bfloat16 "
            + "convolutions on oneDNN, with float weights, updates, BatchNorm and loss (CPUs with AVX512-BF16 or AMX; "
            + "NHWC models; the dl4j engine).")
    String precision;

    /** The chosen precision, checked against this machine. */
    ComputePrecision chosen() {
        ComputePrecision chosen = switch (precision.toLowerCase(Locale.ROOT)) {
            case "fp32", "float32" -> ComputePrecision.FLOAT32;
            case "bf16", "bfloat16" -> ComputePrecision.BFLOAT16;
            default -> throw new IllegalArgumentException("--precision must be fp32 or bf16, not '" + precision + "'");
        };
        String unavailable = chosen.unavailableReason();
        if (unavailable != null) {
            throw new IllegalArgumentException("--precision " + precision + " is unavailable: " + unavailable);
        }
        return chosen;
    }
}
