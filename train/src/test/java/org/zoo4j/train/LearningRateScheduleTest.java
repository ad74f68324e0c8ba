package org.zoo4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.zoo4j.train.LearningRateSchedule.Kind.CONSTANT;
import static org.zoo4j.train.LearningRateSchedule.Kind.COSINE;
import static org.zoo4j.train.LearningRateSchedule.Kind.ONECYCLE;
import static org.zoo4j.train.LearningRateSchedule.Kind.STEP;

class LearningRateScheduleTest {

    @Test
    void warmupRampsLinearlyThenTheScheduleTakesOver() {
        LearningRateSchedule s = new LearningRateSchedule(COSINE, 0.1, 10, 110);
        assertThat(s.valueAt(0, 0)).isCloseTo(0.01, within(1e-12));
        assertThat(s.valueAt(9, 0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.valueAt(10, 0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.valueAt(60, 0)).isCloseTo(0.05, within(1e-12));
        assertThat(s.valueAt(110, 0)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void stepDividesByTenAtHalfAndThreeQuarters() {
        LearningRateSchedule s = new LearningRateSchedule(STEP, 0.1, 0, 100);
        assertThat(s.valueAt(49, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(50, 0)).isCloseTo(0.01, within(1e-12));
        assertThat(s.valueAt(75, 0)).isCloseTo(0.001, within(1e-12));
        assertThat(new LearningRateSchedule(CONSTANT, 0.3, 0, 100).valueAt(99, 0)).isEqualTo(0.3);
    }

    @Test
    void oneCycleRisesToThePeakThenAnneals() {
        LearningRateSchedule s = new LearningRateSchedule(ONECYCLE, 0.1, 0, 100);
        assertThat(s.valueAt(0, 0)).isCloseTo(0.004, within(1e-12));
        assertThat(s.valueAt(30, 0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.valueAt(100, 0)).isCloseTo(0.004 / 1e4, within(1e-12));
    }

    @Test
    void survivesJsonAsCheckpointsStoreIt() throws Exception {
        LearningRateSchedule s = new LearningRateSchedule(COSINE, 0.1, 5, 50);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readValue(mapper.writeValueAsString(s), LearningRateSchedule.class)).isEqualTo(s);
        assertThatThrownBy(() -> new LearningRateSchedule(COSINE, 0.1, 50, 50)).hasMessageContaining("warm-up");
    }
}
