package org.zoo4j.zoo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's refusals. A successful registration changes the JVM-wide registry that other tests iterate, so it is
 * tested end to end in a process of its own (UserArchitectureIT: a provider jar through every command).
 */
class ModelRegistryTest {

    @Test
    void refusesTakenAndMalformedNames() {
        ModelEntry resnet20 = ModelRegistry.entry("resnet20");
        assertThatThrownBy(() -> ModelRegistry.register(new ModelEntry("resnet20", "resnet", "mine",
                resnet20.builder()))).hasMessageContaining("a model named 'resnet20' is registered already")
                .hasMessageContaining(resnet20.reference());
        assertThatThrownBy(() -> ModelRegistry.register(new ModelEntry("My.Net", "resnet", "mine",
                resnet20.builder()))).hasMessageContaining("lower-case letters, digits and '_'");
    }
}
