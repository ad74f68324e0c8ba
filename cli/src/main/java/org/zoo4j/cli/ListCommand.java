package org.zoo4j.cli;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.zoo.registry.ModelEntry;
import org.zoo4j.zoo.ModelOptions;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.ParamCount;
import org.zoo4j.zoo.Zoo4jModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.zoo4j.weights.Pretrained;
import org.zoo4j.weights.PretrainedWeights;
import org.zoo4j.weights.WeightsMeta;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the registered models with input shape, classes, parameter counts and "
        + "shipped weights.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of {name, input, classes, params, trainable, weights}.")
    boolean json;

    @Option(names = "--weights", description = "List the shipped weights instead, one row each (timm's results "
            + "table): accuracy and on which data, parameters, GFLOPS, file size, input, epochs, training hours, "
            + "license; with --json everything torchvision's Weights.meta holds, the recipe as a command included.")
    boolean weights;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        if (weights) {
            listWeights(out, mapper);
            return 0;
        }
        ArrayNode rows = mapper.createArrayNode();
        if (!json) {
            out.printf("%-22s %-11s %8s %13s %13s  %-18s %s%n", "name", "input", "classes", "params", "trainable",
                    "weights", "reference");
        }
        for (ModelEntry entry : ModelRegistry.entries()) {
            Zoo4jModel model = entry.create();
            ModelOptions options = model.options();
            ParamCount count = ParamCount.of(model.conf());
            String input = options.channels() + "x" + options.height() + "x" + options.width();
            List<String> tags = PretrainedWeights.available().stream().filter(p -> p.architecture()
                    .equals(entry.name())).map(Pretrained::tag).toList();
            if (json) {
                ObjectNode row = rows.addObject();
                row.put("name", entry.name());
                row.putArray("input").add(options.channels()).add(options.height()).add(options.width());
                row.put("classes", options.numClasses());
                row.put("params", count.params());
                row.put("trainable", count.trainable());
                tags.forEach(row.putArray("weights")::add);
            } else {
                out.printf("%-22s %-11s %8d %,13d %,13d  %-18s %s%n", entry.name(), input, options.numClasses(),
                        count.params(), count.trainable(), tags.isEmpty() ? "-" : String.join(",", tags),
                        entry.reference());
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        }
        out.flush();
        return 0;
    }

    private void listWeights(PrintWriter out, ObjectMapper mapper) throws Exception {
        ArrayNode rows = mapper.createArrayNode();
        if (!json) {
            out.printf("%-24s %8s %11s %7s %8s %-8s %-15s %6s %7s  %s%n", "tag", "accuracy", "params", "GFLOPS", "MB",
                    "input", "resize", "epochs", "hours", "license");
        }
        for (Pretrained p : PretrainedWeights.available()) {
            WeightsMeta meta = PretrainedWeights.meta(p.tag());
            String input = meta.inputSize()[0] + "x" + meta.inputSize()[1] + "x" + meta.inputSize()[2];
            if (json) {
                ObjectNode row = mapper.valueToTree(meta);
                row.put("recipeCommand", RecipeCommand.of(meta.recipe()));
                rows.add(row);
            } else {
                out.printf(Locale.ROOT, "%-24s %8.4f %,11d %7.3f %8.2f %-8s %-15s %6d %7.2f  %s%n", meta.tag(),
                        meta.accuracy(), meta.numParams(), meta.gflops(), meta.fileBytes() / 1e6, input,
                        meta.interpolation() + " " + meta.cropPct(), meta.epochs(), meta.trainingHours(),
                        meta.license().replaceFirst(" \\(.*", "")); // the full text is in --json
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } else {
            out.println("accuracy: top-1 on each row's test images, unseen in training (accuracyOn in --json)");
        }
        out.flush();
    }
}
