package org.zoo4j.layers;

/**
 * DL4J's oneDNN (CPU) and cuDNN (GPU) layer helpers run convolution, pooling and BatchNorm several times faster than
 * its built-in paths (resnet20 training on 2 cores: 25 vs 180-190 images/s, measured with {@code zoo4j bench}), but
 * DL4J 1.0.0-M2.1 creates none unless {@value #PROPERTY} is {@code false}. zoo4j turns them on unless the user set
 * the property; on the CPU backend they also need the {@code org.nd4j.nativeblas.Nd4jCpu} bridge in this module.
 */
public final class Dl4jHelpers {

    public static final String PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private Dl4jHelpers() {
    }

    /** Enables the helpers for layers created from now on, unless the user decided otherwise. */
    public static void enableUnlessConfigured() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }

    public static boolean enabled() {
        return "false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }
}
