package org.zoo4j.core.file;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.zoo4j.zoo.registry.ModelRegistry;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The allow-list admits every class that zoo4j's own configurations name, as training sets them up. */
class ConfigurationClassesTest {

    private static final Pattern CLASS = Pattern.compile("\"@class\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void everyArchitectureAsTrainingConfiguresItNamesOnlyAllowedClasses() {
        List<IUpdater> updaters = List.of(new Nesterovs(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.1, 100), 0.9),
                new Adam(1e-3));
        int named = 0;
        for (String name : ModelRegistry.names()) {
            for (IUpdater updater : updaters) {
                String json = ModelRegistry.builder(name).updater(updater).weightDecay(5e-4).build().conf().toJson();
                Matcher m = CLASS.matcher(json);
                while (m.find()) {
                    assertThat(ConfigurationClasses.allowed(m.group(1))).as(name + " names " + m.group(1)).isTrue();
                    named++;
                }
            }
        }
        assertThat(named).isGreaterThan(1000);
    }
}
