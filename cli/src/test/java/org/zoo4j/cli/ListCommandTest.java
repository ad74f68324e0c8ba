package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.zoo.ModelRegistry;
import org.zoo4j.zoo.ParamCount;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListCommandTest {

    @Test
    void jsonListsEveryModelWithItsCounts() throws Exception {
        CliRun run = CliRun.of("list", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode rows = new ObjectMapper().readTree(run.out());
        List<String> names = new ArrayList<>();
        for (JsonNode row : rows) {
            String name = row.get("name").asText();
            names.add(name);
            ParamCount expected = ParamCount.of(ModelRegistry.entry(name).create().conf());
            assertThat(row.get("params").asLong()).as(name).isEqualTo(expected.params());
            assertThat(row.get("trainable").asLong()).as(name).isEqualTo(expected.trainable());
            assertThat(row.get("classes").asInt()).isEqualTo(name.endsWith("_imagenet") ? 1000 : 10);
            assertThat(row.get("input").get(1).asInt()).isEqualTo(name.endsWith("_imagenet") ? 224 : 32);
        }
        assertThat(names).isEqualTo(ModelRegistry.names());
        JsonNode resnet20 = rows.get(ModelRegistry.names().indexOf("resnet20"));
        assertThat(resnet20.get("trainable").asLong()).isEqualTo(269_722L);
    }

    @Test
    void tableHasOneLinePerModel() {
        CliRun run = CliRun.of("list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(ModelRegistry.names().size() + 1)
                .anySatisfy(line -> assertThat(line).startsWith("densenet_bc_100").contains("769,162"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("lst");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("list");
    }
}
