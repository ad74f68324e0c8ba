package org.zoo4j.zoo.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.file.ReadBudget;
import org.zoo4j.core.UntrustedText;
import org.zoo4j.zoo.WeightAssignment;
import org.zoo4j.zoo.Zoo4jModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a Keras-style zoo model (the seed notebook's {@code vgg13} and {@code resnet18_seed}, or a custom architecture
 * of their families with {@code ConvStyle.KERAS}) with the weights of the notebook's Keras model, read from the .h5
 * file {@code model.save("m.h5")} writes (Keras 3's legacy HDF5 layout {@code model_weights/<layer>/<model>/<layer>/
 * kernel}, or Keras 2's {@code .../kernel:0}).
 *
 * <p>The correspondence is explicit: the Keras layers of each kind (convolution, BatchNorm, dense) in the order Keras
 * created them (its automatic names count up: {@code conv2d}, {@code conv2d_1}, ...; the notebook's cells create
 * them in the order of the network, shortcut convolutions after their block's two convolutions) to the zoo model's
 * layers of that kind in graph order. Kernels are converted from Keras' {@code [kh, kw, in, out]} to DL4J's
 * {@code [out, in, kh, kw]}; dense kernels {@code [in, out]} are DL4J's layout already; BatchNorm keeps gamma, beta,
 * the moving mean and variance. Every missing, surplus or mis-shaped weight is reported at once, and the network is
 * only touched when there is none.
 */
public final class KerasImport {

    /** The kinds of layers with weights, by what Keras stores for them. */
    enum Kind { CONVOLUTION, BATCH_NORM, DENSE }

    /** One Keras layer's weights, by variable name ({@code kernel}, {@code bias}, {@code gamma}, ...). */
    public record KerasLayer(String name, int order, Map<String, INDArray> weights) {
        Kind kind() {
            if (weights.containsKey("moving_mean")) {
                return Kind.BATCH_NORM;
            }
            INDArray kernel = weights.get("kernel");
            return kernel != null && kernel.rank() == 4 ? Kind.CONVOLUTION : Kind.DENSE;
        }

        /** Creation order: Keras' automatic name suffix ({@code conv2d_12}: 12; {@code conv2d}: 0), then file order. */
        long creation() {
            Matcher m = SUFFIX.matcher(name);
            return (m.find() ? Long.parseLong(m.group(1)) : 0) * 100_000 + order;
        }
    }

    private static final Pattern SUFFIX = Pattern.compile("_(\\d+)$");

    private KerasImport() {
    }

    /**
     * Reads the weights of every layer of a Keras .h5 model file, in the order of its {@code layer_names}.
     *
     * @throws IOException naming the file when it is missing or not a Keras model file with weights
     */
    public static List<KerasLayer> read(Path h5) throws IOException {
        if (!Files.isRegularFile(h5)) {
            throw new NoSuchFileException(h5.toString(), null, "no Keras .h5 file here");
        }
        ReadBudget budget = ReadBudget.of(h5);
        try (HdfFile file = new HdfFile(h5)) {
            Node root = file.getChild("model_weights");
            Group weights = root instanceof Group g ? g : file;
            List<String> names = layerNames(weights);
            List<KerasLayer> layers = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Node node = weights.getChild(names.get(i));
                Map<String, INDArray> vars = new LinkedHashMap<>();
                if (node instanceof Group group) {
                    collect(group, vars, budget, 0);
                }
                if (!vars.isEmpty()) {
                    layers.add(new KerasLayer(names.get(i), i, vars));
                }
            }
            if (layers.isEmpty()) {
                throw new IOException("no layer weights found");
            }
            return layers;
        } catch (IOException | RuntimeException e) {
            throw new IOException(h5 + " is not a readable Keras .h5 model file (" + UntrustedText.oneLine(e.getMessage())
                    + ")", e);
        }
    }

    private static final int MAX_DEPTH = 8;

    private static List<String> layerNames(Group weights) {
        Attribute names = weights.getAttribute("layer_names");
        if (names != null && names.getData() instanceof String[] list) {
            return List.of(list);
        }
        return new ArrayList<>(weights.getChildren().keySet());
    }

    /**
     * Every dataset below a layer's group, by its last name without Keras 2's ":0"; at most {@value #MAX_DEPTH} groups
     * deep (Keras nests two; HDF5 links can make a group its own descendant), each within the file's budget.
     */
    private static void collect(Group group, Map<String, INDArray> vars, ReadBudget budget, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("its groups nest deeper than " + MAX_DEPTH + " levels");
        }
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group g) {
                collect(g, vars, budget, depth + 1);
            } else if (child instanceof Dataset d) {
                budget.charge(Math.multiplyExact(d.getSize(), (long) Double.BYTES), "its dataset "
                        + UntrustedText.quote(d.getName()));
                String name = d.getName().replaceFirst(":\\d+$", "");
                float[] values = toFloats(d.getDataFlat());
                long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
                vars.put(name, Nd4j.create(values, shape.length == 0 ? new long[]{1} : shape, 'c'));
            }
        }
    }

    private static float[] toFloats(Object flat) {
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new IllegalArgumentException("weights of type " + flat.getClass().getSimpleName() + ", expected floats");
    }

    /** A new network of {@code model} holding the Keras weights. */
    public static ComputationGraph load(Zoo4jModel model, List<KerasLayer> keras) {
        requireFlatFeatures(model);
        ComputationGraph net = model.init();
        Map<Kind, List<String>> ours = new EnumMap<>(Kind.class);
        for (String vertex : net.getConfiguration().getVertices().keySet()) {
            if (net.getConfiguration().getVertices().get(vertex) instanceof LayerVertex v
                    && v.numParams(true) > 0) {
                ours.computeIfAbsent(kindOf(v.getLayerConf().getLayer(), model), k -> new ArrayList<>()).add(vertex);
            }
        }
        Map<Kind, List<KerasLayer>> theirs = new EnumMap<>(Kind.class);
        keras.stream().sorted(Comparator.comparingLong(KerasLayer::creation))
                .forEach(l -> theirs.computeIfAbsent(l.kind(), k -> new ArrayList<>()).add(l));

        WeightAssignment weights = new WeightAssignment(model.modelName());
        for (Kind kind : Kind.values()) {
            List<String> vertices = ours.getOrDefault(kind, List.of());
            List<KerasLayer> layers = theirs.getOrDefault(kind, List.of());
            if (vertices.size() != layers.size()) {
                weights.problem(model.modelName() + " has " + vertices.size() + " " + words(kind) + " layers, the "
                        + "file " + layers.size());
            }
            for (int i = 0; i < Math.min(vertices.size(), layers.size()); i++) {
                match(net.getLayer(vertices.get(i)), vertices.get(i), layers.get(i), kind, weights);
            }
        }
        weights.assign("");
        return net;
    }

    /**
     * Keras flattens a feature map in NHWC order, DL4J's NCHW models in NCHW order: the same only when the map is
     * 1x1 (the notebook's VGG13 on 32x32 images; ResNets pool globally). Other maps are refused rather than permuted.
     */
    private static void requireFlatFeatures(Zoo4jModel model) {
        var o = model.options();
        var conf = model.conf();
        Map<String, InputType> types = conf.getLayerActivationTypes(InputType.convolutional(o.height(), o.width(),
                o.channels(), o.dataFormat()));
        for (String vertex : conf.getVertices().keySet()) { // in the order the model added them
            if (conf.getVertices().get(vertex) instanceof LayerVertex v
                    && (v.getLayerConf().getLayer() instanceof DenseLayer)) {
                InputType in = types.get(conf.getVertexInputs().get(vertex).get(0));
                if (in instanceof InputType.InputTypeConvolutional c && c.getHeight() * c.getWidth() > 1) {
                    throw new IllegalArgumentException(model.modelName() + " flattens a " + c.getHeight() + "x"
                            + c.getWidth() + " feature map before " + vertex + "; Keras orders such a map differently "
                            + "and the import maps only 1x1 maps (32x32 inputs for the seed's VGG13)");
                }
                return;
            }
        }
    }

    private static Kind kindOf(org.deeplearning4j.nn.conf.layers.Layer conf, Zoo4jModel model) {
        if (conf instanceof BatchNormalization) {
            return Kind.BATCH_NORM;
        }
        if (conf instanceof ConvolutionLayer) {
            return Kind.CONVOLUTION;
        }
        if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
            return Kind.DENSE;
        }
        throw new IllegalArgumentException(model.modelName() + " has a " + conf.getClass().getSimpleName()
                + " layer, which the Keras import does not map");
    }

    private static String words(Kind kind) {
        return switch (kind) {
            case CONVOLUTION -> "convolution";
            case BATCH_NORM -> "BatchNorm";
            case DENSE -> "dense";
        };
    }

    /** Keras variable to DL4J parameter, converted ({@code [kh, kw, in, out]} kernels to DL4J's OIHW). */
    private static void match(Layer layer, String vertex, KerasLayer keras, Kind kind, WeightAssignment weights) {
        Map<String, String> params = switch (kind) {
            case BATCH_NORM -> Map.of("gamma", "gamma", "beta", "beta", "mean", "moving_mean", "var",
                    "moving_variance");
            case CONVOLUTION, DENSE -> layer.paramTable().containsKey("b") ? Map.of("W", "kernel", "b", "bias")
                    : Map.of("W", "kernel");
        };
        for (Map.Entry<String, String> p : params.entrySet()) {
            boolean kernel = kind == Kind.CONVOLUTION && p.getKey().equals("W");
            weights.stage(vertex, p.getKey(), layer.getParam(p.getKey()), keras.name() + "/" + p.getValue(),
                    keras.weights().get(p.getValue()), source -> !kernel ? source
                            : source.rank() == 4 ? source.permute(3, 2, 0, 1).dup('c') : null,
                    kernel ? "Keras [kh, kw, in, out]" : "");
        }
    }
}
