package org.zoo4j.zoo.densenet;

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
import java.util.Optional;

/**
 * Densely connected networks (Huang et al. 2017): a stem, dense blocks separated by compressing transitions, then
 * BN, ReLU, global average pooling and the classifier. Vertex names: {@code stem.conv},
 * {@code dense2.layer7.conv2}, {@code dense2.layer7.concat}, {@code transition1.pool}, {@code head.bn}.
 */
public final class DenseNet extends Zoo4jModel {

    /**
     * The architecture as data.
     *
     * @param imagenetStem torchvision's 7x7/2 conv, BN, ReLU, 3x3/2 max pool instead of the CIFAR 3x3 conv
     * @param stemChannels output channels of the stem
     * @param blocks       dense layers per block
     * @param compression  fraction of channels a transition keeps (0.5 for DenseNet-C, 1 for none)
     */
    public record Architecture(boolean imagenetStem, int stemChannels, int growth, List<Integer> blocks,
                               boolean bottleneck, double compression) {
        public Architecture {
            if (compression <= 0 || compression > 1) {
                throw new IllegalArgumentException("DenseNet compression must be in (0, 1], got " + compression);
            }
        }
    }

    private final Architecture arch;

    private DenseNet(String name, Architecture arch, ModelOptions options) {
        super(name, options);
        this.arch = arch;
    }

    /** DenseNet-BC (L=100, k=12) for CIFAR: bottleneck layers, compression 0.5, 16 layers per block. */
    public static ModelBuilder<DenseNet> densenetBc100() {
        return of("densenet_bc_100", cifar(100, 12, true, 0.5));
    }

    /** DenseNet (L=40, k=12) for CIFAR: plain 3x3 layers, no compression, 12 layers per block. */
    public static ModelBuilder<DenseNet> densenet40() {
        return of("densenet40", cifar(40, 12, false, 1.0));
    }

    /** torchvision's {@code densenet121}: growth 32, blocks (6, 12, 24, 16), 64-channel ImageNet stem. */
    public static ModelBuilder<DenseNet> densenet121Imagenet() {
        return variant(options -> new DenseNet("densenet121_imagenet",
                new Architecture(true, 64, 32, List.of(6, 12, 24, 16), true, 0.5), options), ConvStyle.PYTORCH, true);
    }

    /**
     * Huang et al.'s CIFAR DenseNet of the given depth: three blocks of {@code (depth - 4) / 3} layers (half as many
     * with bottlenecks, which have two convolutions each); the stem has {@code 2 * growth} channels with bottlenecks,
     * 16 otherwise.
     */
    public static Architecture cifar(int depth, int growth, boolean bottleneck, double compression) {
        int perBlock = (depth - 4) / 3;
        if ((depth - 4) % 3 != 0 || (bottleneck && perBlock % 2 != 0) || perBlock < 1) {
            throw new IllegalArgumentException("CIFAR DenseNet depth must be 3n+4 (6n+4 with bottlenecks), got " + depth);
        }
        int layers = bottleneck ? perBlock / 2 : perBlock;
        int stem = bottleneck ? 2 * growth : 16;
        return new Architecture(false, stem, growth, List.of(layers, layers, layers), bottleneck, compression);
    }

    /** A CIFAR-default network of a custom architecture, under a name of your choosing. */
    public static ModelBuilder<DenseNet> of(String name, Architecture arch) {
        return variant(options -> new DenseNet(name, arch, options), ConvStyle.PYTORCH, false);
    }

    public Architecture architecture() {
        return arch;
    }

    @Override
    public Optional<TorchReference> torchReference() {
        return Optional.of(arch.imagenetStem()
                ? TorchReference.imagenet(DenseNetTorchNames.torchvision(conf()))
                : TorchReference.cifar10(DenseNetTorchNames.cifar(conf(), arch.bottleneck())));
    }

    @Override
    protected String addFeatures(GraphBuilder g, String input, List<String> stageOutputs) {
        ConvStyle style = ConvStyle.PYTORCH;
        String x = addStem(g, input, style);
        DenseBlock block = new DenseBlock(style, arch.growth(), arch.bottleneck());
        int channels = arch.stemChannels();
        for (int b = 0; b < arch.blocks().size(); b++) {
            x = block.add(g, "dense" + (b + 1), x, arch.blocks().get(b));
            stageOutputs.add(x);
            channels += arch.blocks().get(b) * arch.growth();
            if (b < arch.blocks().size() - 1) {
                channels = (int) Math.floor(channels * arch.compression());
                x = block.transition(g, "transition" + (b + 1), x, channels);
            }
        }
        g.addLayer("head.bn", style.batchNorm(), x)
                .addLayer("head.relu", ConvStyle.relu(), "head.bn")
                .addLayer("head.pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "head.relu");
        return "head.pool";
    }

    private String addStem(GraphBuilder g, String input, ConvStyle style) {
        if (!arch.imagenetStem()) {
            g.addLayer("stem.conv", style.padded(arch.stemChannels(), 3, 1), input);
            return "stem.conv";
        }
        g.addLayer("stem.conv", style.conv(arch.stemChannels(), 7, 2, 3), input)
                .addLayer("stem.bn", style.batchNorm(), "stem.conv")
                .addLayer("stem.relu", ConvStyle.relu(), "stem.bn")
                .addLayer("stem.pool", ConvStyle.pool(PoolingType.MAX, 3, 2, 1), "stem.relu");
        return "stem.pool";
    }
}
