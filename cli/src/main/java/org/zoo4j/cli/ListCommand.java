package org.zoo4j.cli;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.zoo.ModelEntry;
import org.zoo4j.zoo.ModelOptions;
import org.zoo4j.zoo.ModelRegistry;
import org.zoo4j.zoo.ParamCount;
import org.zoo4j.zoo.Zoo4jModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import org.zoo4j.weights.Pretrained;
import org.zoo4j.weights.PretrainedWeights;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the registered models with input shape, classes, parameter counts and "
        + "shipped weights.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of {name, input, classes, params, trainable, weights}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
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
}
