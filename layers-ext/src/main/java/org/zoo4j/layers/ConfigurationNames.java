package org.zoo4j.layers;

import java.util.Map;

/**
 * The naming rule of zoo4j's layers and vertices, and the names files hold. A configuration class (what a graph is
 * built from and its JSON names) has the plain name; the runtime class DL4J instantiates from it adds what it is:
 * {@code FastConvolution} and {@code FastConvolutionLayer}, {@code InPlaceRelu} and {@code InPlaceReluLayer},
 * {@code ResidualAdd} and {@code ResidualAddVertex}, {@code OptionAShortcut} and {@code OptionAShortcutVertex}.
 * Configurations written under a configuration class's earlier name read as the class it is now.
 */
public final class ConfigurationNames {

    /** Earlier name of a configuration class to its name now, as JSON string values. */
    private static final Map<String, String> RENAMED = Map.of(
            "\"org.zoo4j.layers.graph.OptionAShortcutVertex\"", "\"org.zoo4j.layers.graph.OptionAShortcut\"");

    private ConfigurationNames() {
    }

    /**
     * A DL4J configuration's JSON with every configuration class under its name now (a configuration never names a
     * runtime class, so an earlier configuration name that is now a runtime class's is read as the configuration).
     */
    public static String current(String json) {
        String out = json;
        for (Map.Entry<String, String> rename : RENAMED.entrySet()) {
            out = out.replace(rename.getKey(), rename.getValue());
        }
        return out;
    }
}
