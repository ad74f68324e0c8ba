package org.zoo4j.layers.conv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalErrorsCompensationTest {

    /**
     * Pins the ND4J behaviour the compensation exists for. When an ND4J upgrade fixes external errors, this fails:
     * the compensation then switches itself off, and this test should be deleted with the class.
     */
    @Test
    void nd4jM21DoublesExternalErrorGradients() {
        assertThat(ExternalErrorsCompensation.factor()).isEqualTo(2.0);
    }
}
