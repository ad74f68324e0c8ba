package org.zoo4j.cli;

import org.zoo4j.weights.Pretrained;
import org.zoo4j.weights.WeightsPacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "pack-weights", description = "Turn a training checkpoint into a shipped weight file (no updater "
        + "state, a card saying how it was trained) and its weights.json entry with SHA-256; for zoo4j's maintainers.")
final class PackWeightsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The checkpoint (e.g. runs/X/checkpoints/best.zip).")
    Path checkpoint;

    @Option(names = "--tag", required = true, description = "ARCHITECTURE.DATA, e.g. resnet20.cifar10.")
    String tag;

    @Option(names = "--provenance", required = true, description = "Where the training data came from, in words.")
    String provenance;

    @Option(names = "--selected-by", description = "The checkpoint of the run that chose the recipe by validation "
            + "(same recipe, part of the data held out), when the packed run trained on everything (--val-split none).")
    Path selection;

    @Option(names = "--license", description = "The weights' license (SPDX id or words); default: none stated.")
    String license;

    @Option(names = "--out", defaultValue = "weights/src/main/resources/org/zoo4j/weights",
            description = "Directory of the weight files and weights.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!tag.matches("[a-z0-9_]+\\.[a-z0-9_.]+")) {
            throw new IllegalArgumentException("--tag is ARCHITECTURE.DATA, e.g. resnet20.cifar10; got '" + tag + "'");
        }
        Pretrained p = WeightsPacker.pack(checkpoint, selection, tag, provenance, license, out);
        spec.commandLine().getOut().printf("packed %s: %s (sha256 %s)%n", p.tag(), out.resolve(p.file()), p.sha256());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
