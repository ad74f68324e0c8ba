package org.zoo4j.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.TorchReference;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.zoo.torch.TorchImport;
import org.zoo4j.zoo.torch.TorchWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import-torch", description = "Fill a zoo model with PyTorch weights (.safetensors, a PyTorch zip "
        + "checkpoint .pth/.pt, or .npz; read in Java, no Python needed) and save it as a model file with its card. "
        + "Nothing is written when any tensor does not fit.")
final class ImportTorchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model name (zoo4j list).")
    String model;

    @Parameters(index = "1", description = "Weights keyed by state_dict name: .safetensors, .pth/.pt (torch.save "
            + "since PyTorch 1.6; a training script's checkpoint dict is unwrapped) or .npz.")
    Path weights;

    @Option(names = "--out", required = true, description = "Model file to write (a DL4J ModelSerializer .zip).")
    Path out;

    @Option(names = "--classes", description = "Classifier size, when the weights' differs from the model's default.")
    Integer classes;

    @Mixin
    WeightsConventions conventions;

    @Override
    public Integer call() throws Exception {
        TorchWeights file = TorchWeights.read(weights);
        Map<String, INDArray> tensors = file.tensors();
        ModelBuilder<? extends Zoo4jModel> builder = ModelRegistry.builder(model);
        if (classes != null) {
            builder.numClasses(classes);
        }
        Zoo4jModel zoo = builder.build();
        Normalization preprocessing = conventions.normalization(zoo.torchReference().map(r -> r.preprocessing())
                .orElse(Normalization.CIFAR10));
        List<String> published = zoo.torchReference().map(TorchReference::labels).orElse(List.of());
        List<String> names = conventions.labels(zoo.options().numClasses(), published,
                classes == null ? " (--classes sets the classifier size)" : "");
        ComputationGraph net = TorchImport.load(zoo, tensors);
        new ModelFile(net, zoo.card(preprocessing, names, "imported from PyTorch weights "
                + weights.getFileName() + " (" + file.format() + (file.metadata().isEmpty() ? "" : ", its metadata "
                + file.metadata()) + ")")).save(out, false);
        spec.commandLine().getOut().printf("imported %d tensors into %s (%,d parameters, inputs %s): %s%n",
                tensors.keySet().stream().filter(k -> !k.startsWith("__") && !k.endsWith("num_batches_tracked"))
                        .count(), model, net.numParams(),
                preprocessing, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
