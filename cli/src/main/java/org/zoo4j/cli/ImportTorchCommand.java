package org.zoo4j.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.file.ModelCard;
import org.zoo4j.zoo.file.ModelFile;
import org.zoo4j.data.Cifar10;
import java.util.List;
import java.util.stream.IntStream;
import org.zoo4j.zoo.torch.TorchImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import-torch", description = "Fill a zoo model with PyTorch weights from an .npz (tools/torch/"
        + "export_npz.py) and save it as a DL4J model file. Nothing is written when any tensor does not fit.")
final class ImportTorchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model name (zoo4j list).")
    String model;

    @Parameters(index = "1", description = "Weights: .npz keyed by state_dict name.")
    Path weights;

    @Option(names = "--out", required = true, description = "DL4J model file to write (ModelSerializer .zip).")
    Path out;

    @Option(names = "--classes", description = "Classifier size, when the weights' differs from the model's default.")
    Integer classes;

    @Override
    public Integer call() throws Exception {
        Map<String, INDArray> tensors = TorchImport.readNpz(weights.toFile());
        ModelBuilder<? extends Zoo4jModel> builder = ModelRegistry.builder(model);
        if (classes != null) {
            builder.numClasses(classes);
        }
        Zoo4jModel zoo = builder.build();
        ComputationGraph net = TorchImport.load(zoo, tensors);
        ModelCard card = ModelCard.of(zoo, zoo.torchReference().orElseThrow().preprocessing(),
                labels(zoo.options().numClasses()), "imported from PyTorch weights " + weights.getFileName());
        new ModelFile(net, card).save(out, false);
        spec.commandLine().getOut().printf("imported %d tensors into %s (%,d parameters): %s%n",
                tensors.keySet().stream().filter(k -> !k.startsWith("__")).count(), model, net.numParams(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** CIFAR-10's class names for 10-way classifiers, "0".."n-1" otherwise. */
    private static List<String> labels(int classes) {
        return classes == Cifar10.CLASSES ? Cifar10.CLASS_NAMES
                : IntStream.range(0, classes).mapToObj(String::valueOf).toList();
    }
}
