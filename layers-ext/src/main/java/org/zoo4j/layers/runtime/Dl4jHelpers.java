package org.zoo4j.layers.runtime;

/**
 * DL4J's oneDNN (CPU) and cuDNN (GPU) layer helpers run convolution, pooling and BatchNorm several times faster than
 * its built-in paths (resnet20 training on 2 cores: 25 vs 180-190 images/s, measured with {@code zoo4j bench}), but
 * DL4J 1.0.0-M2.1 creates none unless {@value #PROPERTY} is {@code false} when a layer is created. On the CPU backend
 * they also need the {@code zoo4j-dl4j-m21-compat} bridge on the class path ({@link #bridgePresent()}).
 */
public final class Dl4jHelpers {

    public static final String PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** The class DL4J M2.1 looks for and ND4J M2.1 no longer has; the compat artifact provides it. */
    static final String BRIDGE = "org.nd4j.nativeblas.Nd4jCpu$Environment";

    private Dl4jHelpers() {
    }

    /** Enables the helpers for layers created from now on, unless the JVM was started with the property set. */
    static void enableUnlessConfigured() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }

    public static boolean enabled() {
        return "false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Whether DL4J M2.1 can find its oneDNN switch on the CPU backend (the compat bridge is on the class path). */
    public static boolean bridgePresent() {
        try {
            Class.forName(BRIDGE, false, Dl4jHelpers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
