package org.zoo4j.zoo.resnet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
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
 * Residual networks of basic blocks (He et al. 2016): a stem, stages of {@link ResBlock}s (each stage after the first
 * halves the resolution in its first block), global average pooling and the classifier.
 * Vertex names: {@code stem.conv}, {@code stage2.block1.conv1}, {@code stage2.block1.shortcut.conv},
 * {@code head.pool}, {@code head.fc}.
 */
public final class ResNet extends Zoo4jModel {

    /** How the network turns the image into the first stage's input. */
    public enum Stem {
        /** Seed notebook: 3x3 VALID conv, BN, ReLU, 2x2 stride-1 SAME max pool (32x32 becomes 30x30). */
        SEED,
        /** CIFAR: 3x3 stride-1 conv, BN, ReLU; no pooling. */
        CIFAR,
        /** torchvision ImageNet: 7x7 stride-2 conv, BN, ReLU, 3x3 stride-2 max pool (224 becomes 56). */
        IMAGENET
    }

    /** The architecture as data: stem, stage widths, blocks per stage, shortcut kind and layer style. */
    public record Architecture(Stem stem, List<Integer> widths, List<Integer> blocks, ResBlock.Shortcut shortcut,
                               ConvStyle style) {
        public Architecture {
            if (widths.size() != blocks.size() || widths.isEmpty()) {
                throw new IllegalArgumentException("ResNet needs one width per stage: widths " + widths
                        + ", blocks " + blocks);
            }
        }
    }

    private static final List<Integer> WIDE = List.of(64, 128, 256, 512);
    private static final List<Integer> NARROW = List.of(16, 32, 64);

    private final Architecture arch;

    private ResNet(String name, Architecture arch, ModelOptions options) {
        super(name, options);
        this.arch = arch;
    }

    /** The seed notebook's Keras {@code ResNet18([2, 2, 2, 2])}, layer for layer. */
    public static ModelBuilder<ResNet> resnet18Seed() {
        return of("resnet18_seed", new Architecture(Stem.SEED, WIDE, List.of(2, 2, 2, 2), ResBlock.Shortcut.CONV,
                ConvStyle.KERAS), false);
    }

    /** CIFAR ResNet-18 as in kuangliu/pytorch-cifar. */
    public static ModelBuilder<ResNet> resnet18() {
        return of("resnet18", cifarWide(List.of(2, 2, 2, 2)), false);
    }

    /** CIFAR ResNet-34 as in kuangliu/pytorch-cifar. */
    public static ModelBuilder<ResNet> resnet34() {
        return of("resnet34", cifarWide(List.of(3, 4, 6, 3)), false);
    }

    /** torchvision's {@code resnet18}. */
    public static ModelBuilder<ResNet> resnet18Imagenet() {
        return of("resnet18_imagenet", imagenet(List.of(2, 2, 2, 2)), true);
    }

    /** torchvision's {@code resnet34}. */
    public static ModelBuilder<ResNet> resnet34Imagenet() {
        return of("resnet34_imagenet", imagenet(List.of(3, 4, 6, 3)), true);
    }

    /**
     * He et al. (2016) section 4.2 CIFAR ResNet of {@code depth = 6n + 2} layers (20, 32, 44, 56, 110, 1202):
     * three stages of n blocks, 16/32/64 channels, option-A shortcuts.
     */
    public static ModelBuilder<ResNet> cifar(int depth) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n+2 with n >= 1 (20, 32, 44, 56, 110, ...), got "
                    + depth);
        }
        int n = (depth - 2) / 6;
        return of("resnet" + depth, new Architecture(Stem.CIFAR, NARROW, List.of(n, n, n), ResBlock.Shortcut.OPTION_A,
                ConvStyle.PYTORCH), false);
    }

    /** A network of a custom architecture, under a name of your choosing. */
    public static ModelBuilder<ResNet> of(String name, Architecture arch, boolean imagenetDefaults) {
        return variant(options -> new ResNet(name, arch, options), arch.style(), imagenetDefaults);
    }

    private static Architecture cifarWide(List<Integer> blocks) {
        return new Architecture(Stem.CIFAR, WIDE, blocks, ResBlock.Shortcut.PROJECTION, ConvStyle.PYTORCH);
    }

    private static Architecture imagenet(List<Integer> blocks) {
        return new Architecture(Stem.IMAGENET, WIDE, blocks, ResBlock.Shortcut.PROJECTION, ConvStyle.PYTORCH);
    }

    public Architecture architecture() {
        return arch;
    }

    /** torchvision's names and ImageNet statistics for the ImageNet stem; the CIFAR references' otherwise. */
    @Override
    public Optional<TorchReference> torchReference() {
        if (arch.stem() == Stem.SEED) {
            return Optional.empty();
        }
        boolean torchvision = arch.stem() == Stem.IMAGENET;
        Map<String, String> names = ResNetTorchNames.of(conf(), torchvision);
        return Optional.of(torchvision ? TorchReference.imagenet(names) : TorchReference.cifar10(names));
    }

    @Override
    protected String addFeatures(GraphBuilder g, String input, List<String> stageOutputs) {
        String x = addStem(g, input);
        ResBlock block = new ResBlock(arch.style(), arch.shortcut(), options().dataFormat());
        int channels = arch.widths().get(0);
        for (int s = 0; s < arch.widths().size(); s++) {
            int width = arch.widths().get(s);
            for (int b = 0; b < arch.blocks().get(s); b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                x = block.add(g, "stage" + (s + 1) + ".block" + (b + 1), x, channels, width, stride);
                channels = width;
            }
            stageOutputs.add(x);
        }
        g.addLayer("head.pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        return "head.pool";
    }

    private String addStem(GraphBuilder g, String input) {
        ConvStyle style = arch.style();
        int width = arch.widths().get(0);
        g.addLayer("stem.conv", switch (arch.stem()) {
                    case SEED -> style.conv(width, 3, 1, 0);
                    case CIFAR -> style.padded(width, 3, 1);
                    case IMAGENET -> style.conv(width, 7, 2, 3);
                }, input)
                .addLayer("stem.bn", style.batchNorm(), "stem.conv")
                .addLayer("stem.relu", ConvStyle.relu(), "stem.bn");
        return switch (arch.stem()) {
            case CIFAR -> "stem.relu";
            case SEED -> {
                g.addLayer("stem.pool", ConvStyle.sameMaxPool(2, 1), "stem.relu");
                yield "stem.pool";
            }
            case IMAGENET -> {
                g.addLayer("stem.pool", ConvStyle.pool(PoolingType.MAX, 3, 2, 1), "stem.relu");
                yield "stem.pool";
            }
        };
    }
}
