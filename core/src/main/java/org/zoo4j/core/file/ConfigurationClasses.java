package org.zoo4j.core.file;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The classes a model file's configuration may name ({@code @class}): DL4J's and ND4J's configuration packages
 * (layers, vertices, preprocessors, weight initialisations, activations, updaters and regularization, schedules,
 * losses) and zoo4j's own.
 * A user whose architectures use configuration classes of their own allows their package once, before loading.
 */
public final class ConfigurationClasses {

    private static final List<String> PACKAGES = new CopyOnWriteArrayList<>(List.of(
            "org.deeplearning4j.nn.conf.", "org.deeplearning4j.nn.weights.", "org.nd4j.linalg.activations.",
            "org.nd4j.linalg.learning.", "org.nd4j.linalg.lossfunctions.", "org.nd4j.linalg.schedule.",
            "org.zoo4j."));

    private ConfigurationClasses() {
    }

    /** Allows the classes of {@code packageName} and its subpackages, e.g. "com.example.layers". */
    public static void allow(String packageName) {
        String prefix = packageName.endsWith(".") ? packageName : packageName + ".";
        if (prefix.length() < 2) {
            throw new IllegalArgumentException("name a package, e.g. com.example.layers");
        }
        if (!PACKAGES.contains(prefix)) {
            PACKAGES.add(prefix);
        }
    }

    static boolean allowed(String className) {
        return className != null && className.matches("[\\w.$]+") && PACKAGES.stream().anyMatch(className::startsWith);
    }
}
