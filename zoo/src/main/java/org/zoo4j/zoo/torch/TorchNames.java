package org.zoo4j.zoo.torch;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.densenet.DenseNet;
import org.zoo4j.zoo.resnet.ResNet;
import org.zoo4j.zoo.vgg.Vgg;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit correspondence between a zoo4j model's layer vertices and the module names of its PyTorch reference:
 * torchvision's for the {@code _imagenet} variants ({@code layer1.0.conv1}, {@code features.0},
 * {@code features.denseblock1.denselayer1.conv1}), and those of {@code tools/reference/cifar_models.py}
 * (kuangliu/pytorch-cifar and akamaster layouts) for the CIFAR ones.
 */
final class TorchNames {

    private TorchNames() {
    }

    /** Vertex name to torch module prefix, for every vertex with parameters, in graph order. */
    static Map<String, String> of(Zoo4jModel model) {
        boolean imagenet = model.modelName().endsWith("_imagenet");
        if (model instanceof ResNet r && r.architecture().stem() != ResNet.Stem.SEED) {
            return resnet(model.conf(), imagenet);
        }
        if (model instanceof Vgg v && !v.architecture().style().tfSame()) {
            return vgg(model.conf(), v.architecture().head());
        }
        if (model instanceof DenseNet d) {
            return d.architecture().imagenetStem() ? densenetTorchvision(model.conf()) : densenetCifar(model.conf(),
                    d.architecture().bottleneck());
        }
        throw new IllegalArgumentException(model.modelName() + " is Keras-exact (the seed notebook's), with no PyTorch "
                + "counterpart to import from; importable: the resnet, vgg13_bn, vgg13_imagenet and densenet models");
    }

    private static Map<String, String> resnet(ComputationGraphConfiguration conf, boolean torchvision) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String v : parametrized(conf)) {
            String[] p = v.split("\\.");
            String torch = switch (p[0]) {
                case "stem" -> p[1].equals("conv") ? "conv1" : "bn1";
                case "head" -> torchvision ? "fc" : "linear";
                default -> {
                    String block = "layer" + p[0].substring("stage".length()) + "."
                            + (Integer.parseInt(p[1].substring("block".length())) - 1);
                    if (p[2].equals("shortcut")) {
                        yield block + "." + (torchvision ? "downsample" : "shortcut") + "." + (p[3].equals("conv") ? 0 : 1);
                    }
                    yield block + "." + p[2];
                }
            };
            names.put(v, torch);
        }
        return names;
    }

    /** torchvision's {@code features} Sequential holds one module per vertex of ours: conv, [bn], relu, ..., pool. */
    private static Map<String, String> vgg(ComputationGraphConfiguration conf, Vgg.Head head) {
        Map<String, String> names = new LinkedHashMap<>();
        int index = 0;
        for (String v : conf.getVertices().keySet()) {
            if (v.startsWith("stage")) {
                if (hasParams(conf.getVertices().get(v))) {
                    names.put(v, "features." + index);
                }
                index++;
            }
        }
        if (head == Vgg.Head.IMAGENET) {
            names.put("head.fc1", "classifier.0");
            names.put("head.fc2", "classifier.3");
            names.put(Zoo4jModel.CLASSIFIER, "classifier.6");
        } else {
            names.put(Zoo4jModel.CLASSIFIER, "classifier");
        }
        return names;
    }

    private static Map<String, String> densenetTorchvision(ComputationGraphConfiguration conf) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String v : parametrized(conf)) {
            String[] p = v.split("\\.");
            String torch;
            if (p[0].equals("stem")) {
                torch = "features." + (p[1].equals("conv") ? "conv0" : "norm0");
            } else if (p[0].equals("head")) {
                torch = p[1].equals("bn") ? "features.norm5" : "classifier";
            } else if (p[0].startsWith("dense")) {
                torch = "features.denseblock" + p[0].substring(5) + ".denselayer" + p[1].substring(5) + "."
                        + p[2].replace("bn", "norm");
            } else {
                torch = "features." + p[0] + "." + (p[1].equals("bn") ? "norm" : "conv");
            }
            names.put(v, torch);
        }
        return names;
    }

    /** The CIFAR reference keeps dense layers and transitions in one flat {@code blocks} Sequential. */
    private static Map<String, String> densenetCifar(ComputationGraphConfiguration conf, boolean bottleneck) {
        Map<String, String> names = new LinkedHashMap<>();
        int module = -1;
        String current = "";
        for (String v : parametrized(conf)) {
            String[] p = v.split("\\.");
            if (p[0].equals("stem")) {
                names.put(v, "conv1");
                continue;
            }
            if (p[0].equals("head")) {
                names.put(v, p[1].equals("bn") ? "bn" : "fc");
                continue;
            }
            String owner = p[0].startsWith("dense") ? p[0] + "." + p[1] : p[0];
            if (!owner.equals(current)) {
                module++;
                current = owner;
            }
            String leaf = p[p.length - 1];
            if (p[0].startsWith("dense") && !bottleneck) {
                leaf = leaf + "2"; // the reference names the plain layer's BN and conv bn2/conv2
            }
            names.put(v, "blocks." + module + "." + leaf);
        }
        return names;
    }

    private static Iterable<String> parametrized(ComputationGraphConfiguration conf) {
        return conf.getVertices().entrySet().stream().filter(e -> hasParams(e.getValue())).map(Map.Entry::getKey)
                .toList();
    }

    private static boolean hasParams(GraphVertex vertex) {
        return vertex instanceof LayerVertex && vertex.numParams(true) > 0;
    }
}
