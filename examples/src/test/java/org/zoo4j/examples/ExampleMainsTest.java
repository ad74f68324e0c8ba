package org.zoo4j.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The example mains run as a user would copy them, on a slice of the embedded sample, and learn something. */
class ExampleMainsTest {

    @Test
    void trainCifarExampleBeatsChance() {
        assertThat(TrainCifarExample.run(3, 600)).isGreaterThan(0.15);
    }

    @Test
    void fineTuneExampleLearnsVehicleOrAnimal() throws Exception {
        // the sample is balanced, 40% vehicles: always answering "animal" scores 0.6 (this measured 0.75)
        assertThat(FineTuneExample.run(null, 4, 1500)).isGreaterThan(0.65);
    }
}
