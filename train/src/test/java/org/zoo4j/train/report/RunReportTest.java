package org.zoo4j.train.report;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.core.Normalization;
import org.zoo4j.train.InMemoryData;
import org.zoo4j.train.TinyNets;
import org.zoo4j.train.Trainer;
import org.zoo4j.train.TrainingState;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.ModelCard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {

    /** A two-epoch run with its report, as the browser test opens it too. */
    static Path trainedRun(Path dir) throws Exception {
        Zoo4jModel model = TinyNets.of("resnet", 3).build();
        ComputationGraph net = model.init();
        ModelCard card = model.card(Normalization.NONE, InMemoryData.LABELS, "trained by a test");
        RunReport report = new RunReport(dir, card, net.numParams(), "{\"hyperparameters\": {\"epochs\": 2}}",
                "zoo4j train tiny --epochs 2 --out 'my runs/a'", "held-out squares");
        Trainer.builder(net, InMemoryData.iterator(24, 8, 1)).validation(InMemoryData.iterator(12, 6, 2))
                .labels(InMemoryData.LABELS).epochs(2).listener(report).build().fit();
        return report.file();
    }

    @Test
    void theReportHoldsCurvesMetricsEvaluationCardCommandAndMachine(@TempDir Path dir) throws Exception {
        String html = Files.readString(trainedRun(dir));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<span class=\"status\" id=\"status\">finished</span>")
                .contains("<th class=\"l\">epochs</th><td class=\"l\">2 of 2</td>")
                .contains("zoo4j train tiny --epochs 2 --out 'my runs/a'")
                .contains("<th class=\"l\">architecture</th><td class=\"l\">tiny_resnet</td>")
                .contains("<th class=\"l\">cores</th>").contains("held-out squares: accuracy")
                .doesNotContain("src=\"http").doesNotContain("href=\"http"); // self-contained
        // the curves' data: both epochs, as the metrics table shows them
        Matcher data = Pattern.compile("Zoo4jCharts\\.history\\((\\[.*?]), \\{loss").matcher(html);
        assertThat(data.find()).isTrue();
        JsonNode history = new ObjectMapper().readTree(data.group(1));
        assertThat(history).hasSize(2);
        for (JsonNode epoch : history) {
            assertThat(html).contains("<tr><td class=\"l\">" + epoch.get("epoch").asInt() + "</td><td>"
                    + Html.number(epoch.get("trainLoss").asDouble(), 4) + "</td>");
        }
        // the confusion matrix counts every validation image once
        Matcher cells = Pattern.compile("<td style=\"background: rgba\\([^)]*\\)\">(\\d+)</td>").matcher(html);
        int total = 0;
        int count = 0;
        while (cells.find()) {
            total += Integer.parseInt(cells.group(1));
            count++;
        }
        assertThat(count).isEqualTo(9);
        assertThat(total).isEqualTo(12);
    }

    @Test
    void aStoppedRunSaysWhereItStopped(@TempDir Path dir) throws Exception {
        Zoo4jModel model = TinyNets.of("resnet", 3).build();
        ComputationGraph net = model.init();
        RunReport report = new RunReport(dir, model.card(Normalization.NONE, InMemoryData.LABELS, "test"),
                net.numParams(), null, null, "validation");
        int[] steps = {0};
        TrainingState state = Trainer.builder(net, InMemoryData.iterator(24, 8, 1)).epochs(3).listener(report)
                .stopWhen(() -> ++steps[0] == 5).build().fit();
        assertThat(state.stopped()).isTrue();
        assertThat(Files.readString(report.file())).contains("stopped in epoch 2 after step 2 (resumable)")
                .contains("(started from Java)");
    }

    @Test
    void manyClassesListTheMostFrequentConfusionsInsteadOfAMatrix() {
        int classes = EvaluationSection.MATRIX_LIMIT + 10;
        Evaluation eval = new Evaluation(IntStream.range(0, classes).mapToObj(i -> "c" + i).toList());
        // every image of class i is predicted as class (i + 1) % classes, class 0 twice as often as others
        for (int i = 0; i <= classes; i++) {
            eval.eval((i % classes + 1) % classes, i % classes);
        }
        String html = EvaluationSection.html(eval, "many");
        assertThat(html).contains("Most frequent confusions").doesNotContain("Confusion matrix")
                .contains("<tr><td class=\"l\">c0</td><td>c1</td><td>2</td></tr>");
        assertThat(List.of(html.split("\n"))).filteredOn(l -> l.startsWith("<tr><td class=\"l\">c")).hasSize(20
                + classes);
    }
}
