package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.zoo.registry.ModelRegistry;
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

    /** One row per shipped weight, as timm's results table; the recipe is a command zoo4j train accepts. */
    @Test
    void weightsListsEveryShippedWeightWithItsMetadata() throws Exception {
        CliRun table = CliRun.of("list", "--weights");
        assertThat(table.exitCode()).as(table.err()).isZero();
        org.zoo4j.weights.WeightsMeta meta = org.zoo4j.weights.PretrainedWeights.meta("resnet20.cifar10");
        String row = String.format(java.util.Locale.ROOT, "resnet20\\.cifar10 +%.4f +269,722 +0\\.041 .* %d .*",
                meta.accuracy(), meta.epochs());
        assertThat(table.out().lines()).anyMatch(l -> l.matches(row));

        CliRun run = CliRun.of("list", "--weights", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertThat(rows).hasSize(org.zoo4j.weights.PretrainedWeights.available().size());
        JsonNode resnet20 = rows.get(0);
        assertThat(resnet20.get("tag").asText()).isEqualTo("resnet20.cifar10");
        for (String field : new String[]{"numParams", "gflops", "fileBytes", "inputSize", "interpolation", "cropPct",
                "mean", "std", "labels", "accuracy", "accuracyOn", "epochs", "trainingHours", "recipe", "license",
                "provenance", "sha256"}) {
            assertThat(resnet20.has(field)).as(field).isTrue();
        }
        String command = resnet20.get("recipeCommand").asText();
        assertThat(command).startsWith("zoo4j train resnet20 ").contains("--epochs " + meta.epochs()).contains("--lr 0.1");
        String[] args = command.substring("zoo4j ".length()).split(" ");
        var parsed = Zoo4j.commandLine().parseArgs(args).subcommand().matchedOptions();
        assertThat(parsed).extracting(o -> o.longestName()).contains("--val-split", "--weight-decay", "--nesterov");
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
