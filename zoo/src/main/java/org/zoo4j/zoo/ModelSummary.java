package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model read block by block, from its configuration: each block's output shape and parameter count, and the graph
 * as Graphviz DOT with one cluster per block. A block is the first two parts of a vertex path
 * ({@code stage2.block1.conv1} belongs to {@code stage2.block1}), or the first part of a shorter one.
 */
public record ModelSummary(String name, List<Row> rows, long params, ComputationGraphConfiguration conf,
                           Map<String, InputType> outputs) {

    /** One block: its output shape (of its last vertex), parameters and number of vertices. */
    public record Row(String block, String output, long params, int vertices) {
    }

    public static ModelSummary of(Zoo4jModel model) {
        ModelOptions o = model.options();
        return of(model.modelName(), model.conf(),
                InputType.convolutional(o.height(), o.width(), o.channels(), o.dataFormat()));
    }

    /** Any graph configuration (a model file's, say) on an input of the given type. */
    public static ModelSummary of(String name, ComputationGraphConfiguration conf, InputType input) {
        // on a copy with DL4J's preprocessors added (the flattening before a dense layer); the configuration is kept
        Map<String, InputType> outputs = conf.clone().getLayerActivationTypes(true, input);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            String block = block(e.getKey());
            Row previous = rows.get(block);
            long params = e.getValue().numParams(true) + (previous == null ? 0 : previous.params());
            int count = 1 + (previous == null ? 0 : previous.vertices());
            rows.put(block, new Row(block, shape(outputs.get(e.getKey())), params, count));
        }
        long total = rows.values().stream().mapToLong(Row::params).sum();
        return new ModelSummary(name, List.copyOf(rows.values()), total, conf, outputs);
    }

    static String block(String vertex) {
        String[] parts = vertex.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] : parts[0];
    }

    static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
        }
        return type == null ? "?" : Long.toString(type.arrayElementsPerExample());
    }

    /** A fixed-width table, one line per block, then the total. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-26s %-12s %12s %9s%n", "block", "output", "params", "vertices"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-26s %-12s %,12d %9d%n", r.block(), r.output(), r.params(),
                    r.vertices()));
        }
        out.append(String.format(Locale.ROOT, "%s: %,d parameters in %d vertices%n", name, params,
                conf.getVertices().size()));
        return out.toString();
    }

    /** The graph in Graphviz DOT: vertices labelled with their output shape, grouped by block. */
    public String dot() {
        StringBuilder out = new StringBuilder("digraph \"" + name + "\" {\n  rankdir=TB;\n  node [shape=box, fontsize=10];\n");
        Map<String, List<String>> byBlock = new LinkedHashMap<>();
        conf.getVertices().keySet().forEach(v -> byBlock.computeIfAbsent(block(v), k -> new ArrayList<>()).add(v));
        int cluster = 0;
        for (Map.Entry<String, List<String>> e : byBlock.entrySet()) {
            out.append("  subgraph cluster_").append(cluster++).append(" {\n    label=\"").append(e.getKey())
                    .append("\";\n");
            for (String v : e.getValue()) {
                GraphVertex vertex = conf.getVertices().get(v);
                String kind = vertex instanceof LayerVertex lv ? lv.getLayerConf().getLayer().getClass().getSimpleName()
                        : vertex.getClass().getSimpleName();
                out.append("    \"").append(v).append("\" [label=\"").append(v).append("\\n").append(kind)
                        .append(" ").append(shape(outputs.get(v))).append("\"];\n");
            }
            out.append("  }\n");
        }
        conf.getNetworkInputs().forEach(in -> out.append("  \"").append(in).append("\" [shape=oval];\n"));
        conf.getVertexInputs().forEach((v, inputs) -> inputs.forEach(in ->
                out.append("  \"").append(in).append("\" -> \"").append(v).append("\";\n")));
        return out.append("}\n").toString();
    }
}
