package org.zoo4j.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.data.Normalization;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.file.Labels;
import org.zoo4j.zoo.file.ModelCard;
import org.zoo4j.zoo.file.ModelFile;
import org.zoo4j.zoo.torch.TorchImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import-torch", description = "Fill a zoo model with PyTorch weights from an .npz (tools/torch/"
        + "export_npz.py) and save it as a model file with its card. Nothing is written when any tensor does not fit.")
final class ImportTorchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model name (zoo4j list).")
    String model;

    @Parameters(index = "1", description = "Weights: .npz keyed by state_dict name.")
    Path weights;

    @Option(names = "--out", required = true, description = "Model file to write (a DL4J ModelSerializer .zip).")
    Path out;

    @Option(names = "--classes", description = "Classifier size, when the weights' differs from the model's default.")
    Integer classes;

    @Option(names = "--mean", split = ",", description = "Per-channel mean R,G,B the weights were trained with, in "
            + "[0,1] pixel units as torchvision writes them (default: ImageNet's for ImageNet models, CIFAR-10's for "
            + "CIFAR ones).")
    float[] mean;

    @Option(names = "--std", split = ",", description = "Per-channel standard deviation R,G,B, as --mean.")
    float[] std;

    @Option(names = "--labels", description = "Class names: imagenet, cifar10, or a file of one name per line "
            + "(default: CIFAR-10's for 10 classes, ImageNet's for 1,000, else 0..n-1).")
    String labels;

    @Override
    public Integer call() throws Exception {
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("--mean and --std go together");
        }
        Map<String, INDArray> tensors = TorchImport.readNpz(weights.toFile());
        ModelBuilder<? extends Zoo4jModel> builder = ModelRegistry.builder(model);
        if (classes != null) {
            builder.numClasses(classes);
        }
        Zoo4jModel zoo = builder.build();
        ComputationGraph net = TorchImport.load(zoo, tensors);
        Normalization preprocessing = mean == null ? zoo.torchReference().orElseThrow().preprocessing()
                : normalization();
        List<String> names = labels == null ? Labels.defaultFor(zoo.options().numClasses()) : Labels.named(labels);
        if (names.size() != zoo.options().numClasses()) {
            throw new IllegalArgumentException("--labels names " + names.size() + " classes but the weights have "
                    + zoo.options().numClasses() + (classes == null ? " (--classes sets the classifier size)" : ""));
        }
        ModelCard card = ModelCard.of(zoo, preprocessing, names, "imported from PyTorch weights "
                + weights.getFileName());
        new ModelFile(net, card).save(out, false);
        spec.commandLine().getOut().printf("imported %d tensors into %s (%,d parameters, inputs %s): %s%n",
                tensors.keySet().stream().filter(k -> !k.startsWith("__")).count(), model, net.numParams(),
                preprocessing, out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Normalization normalization() {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("--mean and --std take three values R,G,B, got " + Arrays.toString(mean)
                    + " and " + Arrays.toString(std));
        }
        try {
            return new Normalization(true, mean, std);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--std: " + e.getMessage(), e);
        }
    }
}
