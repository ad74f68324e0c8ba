package org.zoo4j.layers.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Zoo4jRuntimeTest {

    /** The test JVM starts with the property set (as an application may): configure() leaves the user's choice. */
    @Test
    void configureKeepsAnExplicitChoiceAndFindsTheBridge() {
        String before = System.getProperty(Dl4jHelpers.PROPERTY);
        try {
            System.setProperty(Dl4jHelpers.PROPERTY, "true");
            assertThat(Zoo4jRuntime.configure()).isEmpty(); // no GPU in the default build
            assertThat(Dl4jHelpers.enabled()).isFalse();
            System.clearProperty(Dl4jHelpers.PROPERTY);
            Zoo4jRuntime.configure();
            assertThat(Dl4jHelpers.enabled()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(Dl4jHelpers.PROPERTY);
            } else {
                System.setProperty(Dl4jHelpers.PROPERTY, before);
            }
        }
        assertThat(Dl4jHelpers.bridgePresent()).as("compat is a test dependency").isTrue();
    }
}
