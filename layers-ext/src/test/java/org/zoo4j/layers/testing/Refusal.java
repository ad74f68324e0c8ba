package org.zoo4j.layers.testing;

import java.util.concurrent.Callable;

/**
 * What a reader of a user's file may do with any input, the contract its fuzz test checks: read it, or refuse it with
 * its own exception type in one readable line. Anything else (another exception, an {@link Error} such as a stack
 * overflow or running out of memory, a multi-line or megabyte message) is a finding.
 */
public final class Refusal {

    /** A refusal's message is a line a person reads: at most this long. */
    public static final int MAX_MESSAGE = 1_000;

    private Refusal() {
    }

    public static void readOrRefuse(Class<? extends Exception> refusal, Callable<?> read) throws Exception {
        try {
            read.call();
        } catch (Exception e) {
            if (!refusal.isInstance(e)) {
                throw e;
            }
            String message = e.getMessage();
            if (message == null || message.contains("\n") || message.length() > MAX_MESSAGE) {
                throw new AssertionError("not a one-line refusal: " + message, e);
            }
        }
    }
}
