package org.zoo4j.zoo.registry;

import java.util.List;

/**
 * Architectures a jar adds to the {@link ModelRegistry}: list the implementing class in
 * {@code META-INF/services/org.zoo4j.zoo.registry.ArchitectureProvider}, put the jar on the class path (for the
 * command line: {@code ZOO4J_CLASSPATH=my-models.jar ./zoo4j ...}), and its models train, evaluate, export and
 * summarise by name like zoo4j's own.
 */
public interface ArchitectureProvider {

    /** The architectures, each a name with the builder of its defaults ({@code ResNet.of(...)}, your own, ...). */
    List<ModelEntry> architectures();
}
