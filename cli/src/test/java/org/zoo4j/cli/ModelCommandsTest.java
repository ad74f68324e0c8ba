package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCommandsTest {

    @Test
    void summaryListsBlocksWithShapesAndParameters(@TempDir Path tmp) throws Exception {
        Path dot = tmp.resolve("r20.dot");
        CliRun run = CliRun.of("summary", "resnet20", "--dot", dot.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("stage2.block1 +32x16x16 +14,080")
                .contains("resnet20: 271,098 parameters");
        String graph = Files.readString(dot);
        assertThat(graph).startsWith("digraph \"resnet20\"").contains("\"stage1.block1.add\" -> \"stage1.block1.relu\"")
                .contains("label=\"stage3.block3\"");
    }

    @Test
    void benchRunsAndReportsTheBackend() throws Exception {
        CliRun run = CliRun.of("bench", "resnet20", "--batch", "4", "--warmup", "1", "--iters", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("images_per_second").asDouble()).isPositive();
        assertThat(json.get("backend").asText()).isEqualTo("CPU");
        assertThat(json.get("dl4j_helpers").asBoolean()).isTrue();
        assertThat(json.get("peak_rss_mib").asLong()).isPositive();
    }

    @Test
    void benchProfileNamesTheCostliestOps() {
        CliRun run = CliRun.of("bench", "resnet20", "--batch", "16", "--warmup", "1", "--iters", "1", "--profile");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("op profile .*: ND4J ops \\d+\\.\\d of \\d+\\.\\d ms/step")
                .containsPattern("(?m)^  conv2d_bp +\\d+\\.\\d%").containsPattern("(?m)^  conv2d +\\d+\\.\\d%");
    }

    @Test
    void benchRefusesProfileWithJson() {
        CliRun run = CliRun.of("bench", "resnet20", "--profile", "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--profile prints a table");
    }
}
