package org.zoo4j.train.report;

import org.zoo4j.layers.runtime.BackendReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run trained on, as a report states it. */
public record Machine(String cpu, int cores, String backend, String java, String os) {

    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), BackendReport.current().toString(),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    List<List<?>> rows() {
        return List.of(List.of("CPU", cpu), List.of("cores", cores), List.of("ND4J", backend), List.of("Java", java),
                List.of("OS", os));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
