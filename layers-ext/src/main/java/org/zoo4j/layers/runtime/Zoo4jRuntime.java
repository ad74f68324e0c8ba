package org.zoo4j.layers.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The one call an application makes before it builds or loads a network, to run zoo4j the way it was measured:
 * DL4J's layer helpers on (unless the JVM was started with {@value Dl4jHelpers#PROPERTY} set), and on a CUDA build
 * a check that the GPU can run ND4J's kernels at all. Nothing in zoo4j changes JVM-wide settings behind the caller's
 * back; without this call DL4J's defaults apply (slower, same results).
 */
public final class Zoo4jRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Zoo4jRuntime.class);

    private Zoo4jRuntime() {
    }

    /**
     * Configures the JVM for zoo4j. Call it before ND4J is first used.
     *
     * @return the CUDA device the backend will run on, or empty on the CPU backend
     * @throws IllegalStateException when the GPU is one that ND4J 1.0.0-M2.1's CUDA backend has no code for
     */
    public static Optional<CudaSupport.Device> configure() {
        Dl4jHelpers.enableUnlessConfigured();
        Optional<CudaSupport.Device> device = CudaSupport.requireSupportedDevice();
        if (device.isEmpty() && Dl4jHelpers.enabled() && !Dl4jHelpers.bridgePresent()) {
            LOG.warn("DL4J's oneDNN layer helpers stay off on the CPU backend: add org.zoo4j:zoo4j-dl4j-m21-compat to "
                    + "the class path (DL4J 1.0.0-M2.1 looks for a class ND4J 1.0.0-M2.1 renamed)");
        }
        return device;
    }
}
