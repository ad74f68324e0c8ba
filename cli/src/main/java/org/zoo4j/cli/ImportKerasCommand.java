package org.zoo4j.cli;

import org.zoo4j.core.file.Labels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.zoo.keras.KerasImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import-keras", description = "Fill the seed notebook's vgg13 or resnet18_seed with the weights of "
        + "its Keras model (a .h5 written by model.save; Keras 3 or 2) and save it as a model file with its card. "
        + "Nothing is written when any weight does not fit.")
final class ImportKerasCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "vgg13 or resnet18_seed (the notebook's Keras models).")
    String model;

    @Parameters(index = "1", description = "The Keras model file (.h5).")
    Path weights;

    @Option(names = "--out", required = true, description = "Model file to write (a DL4J ModelSerializer .zip).")
    Path out;

    @Mixin
    WeightsConventions conventions;

    @Override
    public Integer call() throws Exception {
        if (!List.of("vgg13", "resnet18_seed").contains(model)) {
            throw new IllegalArgumentException("import-keras takes the seed notebook's Keras models, vgg13 or "
                    + "resnet18_seed; got '" + model + "' (PyTorch weights: import-torch)");
        }
        List<KerasImport.KerasLayer> layers = KerasImport.read(weights);
        Zoo4jModel zoo = ModelRegistry.builder(model).build();
        // the notebook scales pixels to [0, 1] and normalises nothing else
        Normalization preprocessing = conventions.normalization(Normalization.SCALE_01);
        List<String> names = conventions.labels(zoo.options().numClasses(), Labels.cifar10(), ""); // the seed's data
        ComputationGraph net = KerasImport.load(zoo, layers);
        new ModelFile(net, zoo.card(preprocessing, names, "imported from Keras weights "
                + weights.getFileName())).save(out, false);
        spec.commandLine().getOut().printf("imported %d Keras layers into %s (%,d parameters, inputs %s): %s%n",
                layers.size(), model, net.numParams(), preprocessing, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
