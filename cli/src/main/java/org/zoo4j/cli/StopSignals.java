package org.zoo4j.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGTERM and Ctrl-C (SIGINT) during training: the first asks the run to stop after its current step and checkpoint
 * exactly there; a second one exits at once, writing nothing more. The previous handlers come back on {@link #close}.
 */
final class StopSignals implements AutoCloseable {

    private final AtomicReference<Signal> received = new AtomicReference<>();
    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    StopSignals(PrintWriter log) {
        for (String name : new String[]{"TERM", "INT"}) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, s -> {
                if (!received.compareAndSet(null, s)) {
                    Runtime.getRuntime().halt(128 + s.getNumber());
                }
                log.println("zoo4j: SIG" + s.getName() + ": stopping after this step to save a checkpoint (send it "
                        + "again to quit at once)");
                log.flush();
            }));
        }
    }

    boolean requested() {
        return received.get() != null;
    }

    /** The signal's name (SIGTERM) and the exit code a process killed by it has (143). */
    String name() {
        return "SIG" + received.get().getName();
    }

    int exitCode() {
        return 128 + received.get().getNumber();
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
