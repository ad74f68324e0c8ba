package org.zoo4j.layers.runtime;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** What actually runs the math: ND4J backend, native library variant, BLAS, threads, allocator, oneDNN helpers. */
public record BackendReport(String backend, String variant, String blas, int threads, String allocator, boolean helpers,
                   String device) {

    /** What runs this process's math now (starts ND4J if it has not started). */
    public static BackendReport current() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        String allocator = preload.contains("tcmalloc") ? "tcmalloc" : preload.contains("jemalloc") ? "jemalloc"
                : "glibc malloc";
        boolean helpers = Dl4jHelpers.enabled();
        String device = CudaSupport.probe().map(CudaSupport.Device::describe)
                .orElse("CPU");
        return new BackendReport(String.valueOf(env.getProperty("backend")),
                org.bytedeco.javacpp.Loader.getPlatform() + extension, String.valueOf(env.getProperty("blas.vendor")),
                Nd4j.getEnvironment().maxThreads(), allocator, helpers, device);
    }

    /** Peak resident memory of this process (VmHWM), or -1 where /proc is not available. */
    public static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The fields as JSON members, without braces, to embed in a larger object. */
    public String json() {
        return String.format(Locale.ROOT, "\"backend\": \"%s\", \"variant\": \"%s\", \"blas\": \"%s\", \"threads\": %d, "
                + "\"allocator\": \"%s\", \"dl4j_helpers\": %b, \"device\": \"%s\"", backend, variant, blas, threads, allocator,
                helpers, device);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "backend %s (%s) on %s, BLAS %s, %d threads, %s, DL4J helpers %s", backend,
                variant, device, blas, threads, allocator, helpers ? "on" : "off");
    }
}
