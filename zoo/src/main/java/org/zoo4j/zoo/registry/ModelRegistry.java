package org.zoo4j.zoo.registry;

import org.zoo4j.core.file.ConfigurationClasses;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.densenet.DenseNet;
import org.zoo4j.zoo.resnet.ResNet;
import org.zoo4j.zoo.vgg.Vgg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every model by name, in a stable order (the order {@code zoo4j list} prints): zoo4j's own, then those that
 * {@link ArchitectureProvider}s on the class path contribute (found by {@link ServiceLoader}, so that a jar of them
 * works in every command), then those {@link #register registered} in code.
 */
public final class ModelRegistry {

    private static final Map<String, ModelEntry> ENTRIES = new LinkedHashMap<>();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    static {
        String keras = "the seed notebook's Keras model, layer for layer";
        add("vgg13", "vgg", keras, Vgg::vgg13);
        add("vgg13_bn", "vgg", "CIFAR VGG13 with BatchNorm (kuangliu/pytorch-cifar layout, bias-free convs)", Vgg::vgg13Bn);
        add("vgg13_imagenet", "vgg", "torchvision vgg13 (Simonyan & Zisserman 2015)", Vgg::vgg13Imagenet);
        add("resnet18_seed", "resnet", keras, ResNet::resnet18Seed);
        add("resnet18", "resnet", "CIFAR ResNet-18, kuangliu/pytorch-cifar (He et al. 2016)", ResNet::resnet18);
        add("resnet34", "resnet", "CIFAR ResNet-34, kuangliu/pytorch-cifar (He et al. 2016)", ResNet::resnet34);
        add("resnet18_imagenet", "resnet", "torchvision resnet18 (He et al. 2016)", ResNet::resnet18Imagenet);
        add("resnet34_imagenet", "resnet", "torchvision resnet34 (He et al. 2016)", ResNet::resnet34Imagenet);
        for (int depth : new int[]{20, 32, 44, 56, 110}) {
            add("resnet" + depth, "resnet", "He et al. 2016, section 4.2: CIFAR ResNet-" + depth + ", option-A shortcuts",
                    () -> ResNet.cifar(depth));
        }
        add("densenet_bc_100", "densenet", "Huang et al. 2017: DenseNet-BC L=100 k=12 for CIFAR", DenseNet::densenetBc100);
        add("densenet40", "densenet", "Huang et al. 2017: DenseNet L=40 k=12 for CIFAR", DenseNet::densenet40);
        add("densenet121_imagenet", "densenet", "torchvision densenet121 (Huang et al. 2017)",
                DenseNet::densenet121Imagenet);
        ServiceLoader.load(ArchitectureProvider.class).forEach(p -> {
            // a provider's own configuration classes (layers, vertices) live beside it: its model files may name them
            ConfigurationClasses.allow(p.getClass().getPackageName());
            p.architectures().forEach(ModelRegistry::register);
        });
    }

    private ModelRegistry() {
    }

    private static void add(String name, String family, String reference,
                            Supplier<ModelBuilder<? extends Zoo4jModel>> builder) {
        ENTRIES.put(name, new ModelEntry(name, family, reference, builder));
    }

    /**
     * Adds an architecture under its name, for every part of zoo4j that takes a model name (training, summaries,
     * export, imports of its family's weights).
     *
     * @throws IllegalArgumentException when the name is taken or not a lower-case identifier (weight tags add a dot)
     */
    public static synchronized void register(ModelEntry entry) {
        if (!NAME.matcher(entry.name()).matches()) {
            throw new IllegalArgumentException("a model name is lower-case letters, digits and '_', starting with a "
                    + "letter; got '" + entry.name() + "'");
        }
        if (ENTRIES.containsKey(entry.name())) {
            throw new IllegalArgumentException("a model named '" + entry.name() + "' is registered already ("
                    + ENTRIES.get(entry.name()).reference() + ")");
        }
        ENTRIES.put(entry.name(), entry);
    }

    public static synchronized List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    public static synchronized List<ModelEntry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** @throws IllegalArgumentException naming the known models when {@code name} is not one of them */
    public static synchronized ModelEntry entry(String name) {
        ModelEntry entry = ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("Unknown model '" + name + "'. Known models: " + String.join(", ", names()));
        }
        return entry;
    }

    /** A builder for the named model with its defaults, to adjust before {@code build()}. */
    public static ModelBuilder<? extends Zoo4jModel> builder(String name) {
        return entry(name).builder().get();
    }
}
