package org.zoo4j.layers.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.zoo4j.layers.conv.ComputePrecision;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Something a test needs that a machine may lack (a browser, bfloat16 kernels, a tmpfs mount, python3, PyTorch). The
 * test is skipped, saying why, where it is missing; but where the build names it in {@code -Dzoo4j.require=A,B}
 * (CI names what its machine offers), a missing requirement fails the test, so that a green run cannot hide a skip.
 */
public final class Requirement {

    public static final String PROPERTY = "zoo4j.require";

    private Requirement() {
    }

    /** bfloat16 kernels (AVX512-BF16 or AMX): named "bf16". */
    public static void bf16() {
        assume("bf16", ComputePrecision.BFLOAT16.unavailableReason() == null,
                ComputePrecision.BFLOAT16::unavailableReason);
    }

    /** The requirements this build names. */
    public static Set<String> required() {
        return Arrays.stream(System.getProperty(PROPERTY, "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Skips the calling test when {@code available} is false, or fails it when the build requires {@code name}. */
    public static void assume(String name, boolean available, Supplier<String> missing) {
        if (available) {
            return;
        }
        if (required().contains(name)) {
            Assertions.fail(name + " is required here (-D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                    + ") but missing: " + missing.get());
        }
        Assumptions.abort(missing.get() + " (skipped; -D" + PROPERTY + "=" + name + " makes this a failure)");
    }
}
