package org.zoo4j.zoo.vgg;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.zoo4j.zoo.ConvStyle;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.ModelOptions;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.TorchReference;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VGG networks (Simonyan and Zisserman 2015) from a torchvision-style configuration table: 3x3 convolutions,
 * {@link #M} for a 2x2 stride-2 max pool. Each run of convolutions ending in a pool is a stage:
 * {@code stage1.conv1}, {@code stage1.bn1}, {@code stage1.relu1}, ..., {@code stage1.pool}; the head is
 * {@code head.fc1}, {@code head.fc2}, ... before the classifier {@code head.fc}.
 */
public final class Vgg extends Zoo4jModel {

    /** A max-pool entry in a configuration table. */
    public static final int M = -1;
    /** torchvision's configuration "B", VGG-13. */
    public static final List<Integer> VGG13 = List.of(64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M);

    /** What sits between the last pool and the classifier. */
    public enum Head {
        /** Flatten only: the classifier reads the pooled features (CIFAR VGG). */
        LINEAR,
        /** The seed notebook's Dense 256 - Dense 128 (ReLU). */
        SEED,
        /** torchvision: adaptive 7x7 average pool, then 4096 - 4096 (ReLU, dropout 0.5). */
        IMAGENET
    }

    /** The architecture as data: layer table, BatchNorm or not, head, layer style. */
    public record Architecture(List<Integer> config, boolean batchNorm, Head head, ConvStyle style) {
    }

    private final Architecture arch;

    private Vgg(String name, Architecture arch, ModelOptions options) {
        super(name, options);
        this.arch = arch;
    }

    /** The seed notebook's Keras VGG13, layer for layer (SAME convolutions with bias, SAME pools, 256-128 head). */
    public static ModelBuilder<Vgg> vgg13() {
        return of("vgg13", new Architecture(VGG13, false, Head.SEED, ConvStyle.KERAS), false);
    }

    /** CIFAR VGG13 with BatchNorm after each bias-free convolution and a single linear classifier. */
    public static ModelBuilder<Vgg> vgg13Bn() {
        return of("vgg13_bn", new Architecture(VGG13, true, Head.LINEAR, ConvStyle.PYTORCH), false);
    }

    /** torchvision's {@code vgg13}. */
    public static ModelBuilder<Vgg> vgg13Imagenet() {
        return of("vgg13_imagenet", new Architecture(VGG13, false, Head.IMAGENET, ConvStyle.PYTORCH.withBias()), true);
    }

    /** A network of a custom architecture, under a name of your choosing. */
    public static ModelBuilder<Vgg> of(String name, Architecture arch, boolean imagenetDefaults) {
        return variant(options -> new Vgg(name, arch, options), arch.style(), imagenetDefaults);
    }

    public Architecture architecture() {
        return arch;
    }

    /** torchvision's layout for the PyTorch-style variants; the Keras-exact seed model has none. */
    @Override
    public Optional<TorchReference> torchReference() {
        if (arch.style().tfSame()) {
            return Optional.empty();
        }
        Map<String, String> names = VggTorchNames.of(conf(), arch.head());
        return Optional.of(arch.head() == Head.IMAGENET ? TorchReference.imagenet(names)
                : TorchReference.cifar10(names));
    }

    @Override
    protected String addFeatures(GraphBuilder g, String input, List<String> stageOutputs) {
        ConvStyle style = arch.style();
        String x = input;
        int stage = 1;
        int conv = 1;
        for (int entry : arch.config()) {
            String prefix = "stage" + stage;
            if (entry == M) {
                g.addLayer(prefix + ".pool", style.tfSame() ? ConvStyle.sameMaxPool(2, 2)
                        : ConvStyle.pool(PoolingType.MAX, 2, 2, 0), x);
                x = prefix + ".pool";
                stageOutputs.add(x);
                stage++;
                conv = 1;
                continue;
            }
            g.addLayer(prefix + ".conv" + conv, style.padded(entry, 3, 1), x);
            x = prefix + ".conv" + conv;
            if (arch.batchNorm()) {
                g.addLayer(prefix + ".bn" + conv, style.batchNorm(), x);
                x = prefix + ".bn" + conv;
            }
            g.addLayer(prefix + ".relu" + conv, ConvStyle.relu(), x);
            x = prefix + ".relu" + conv;
            conv++;
        }
        return switch (arch.head()) {
            case LINEAR -> x;
            case SEED -> dense(g, "head.fc2", 128, dense(g, "head.fc1", 256, x));
            case IMAGENET -> {
                String pooled = adaptiveAvgPool7(g, x);
                g.addLayer("head.drop1", new DropoutLayer.Builder(0.5).build(), dense(g, "head.fc1", 4096, pooled));
                g.addLayer("head.drop2", new DropoutLayer.Builder(0.5).build(), dense(g, "head.fc2", 4096, "head.drop1"));
                yield "head.drop2";
            }
        };
    }

    private static String dense(GraphBuilder g, String name, int units, String input) {
        g.addLayer(name, new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build(), input);
        return name;
    }

    /**
     * torchvision's {@code AdaptiveAvgPool2d(7)}: the identity on the 7x7 maps of a 224x224 input, an exact
     * average pool when the map is a multiple of 7; other sizes would need overlapping windows and are refused.
     */
    private String adaptiveAvgPool7(GraphBuilder g, String input) {
        int h = featureSize(options().height());
        int w = featureSize(options().width());
        if (h == 7 && w == 7) {
            return input;
        }
        if (h != w || h % 7 != 0) {
            throw new IllegalArgumentException(modelName() + " maps its input to " + h + "x" + w
                    + " features; the ImageNet head needs 7x7 or a square multiple of 7: use an input of 224x224 (or "
                    + "448, 672, ...)");
        }
        g.addLayer("head.avgpool", ConvStyle.pool(PoolingType.AVG, h / 7, h / 7, 0), input);
        return "head.avgpool";
    }

    private int featureSize(int size) {
        for (int entry : arch.config()) {
            if (entry == M) {
                size = arch.style().tfSame() ? (size + 1) / 2 : size / 2;
            }
        }
        return size;
    }
}
