package org.zoo4j.cli;

import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.data.ImageDataset;
import org.zoo4j.train.run.DataSource;
import org.zoo4j.train.run.RunData;
import org.zoo4j.train.run.ValidationSplit;
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

    @Option(names = "--test", required = true, description = "The data whose test images the weights are "
            + "evaluated on, once, for their card: CIFAR-10's binaries (test_batch.bin) or an image folder with test/.")
    String test;

    @Option(names = "--license", defaultValue = "Apache-2.0", description = "The weights' license (SPDX id or words); "
            + "default: ${DEFAULT-VALUE}, zoo4j's own (LICENSE).")
    String license;

    @Option(names = "--out", defaultValue = "weights/src/main/resources/org/zoo4j/weights",
            description = "Directory of the weight files and weights.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!tag.matches("[a-z0-9_]+\\.[a-z0-9_.]+")) {
            throw new IllegalArgumentException("--tag is ARCHITECTURE.DATA, e.g. resnet20.cifar10; got '" + tag + "'");
        }
        String cardJson = ModelFile.entry(checkpoint, ModelFile.CARD);
        if (cardJson == null) {
            throw new IllegalArgumentException(checkpoint + " has no model card: it is not a zoo4j checkpoint");
        }
        ImageDataset images = RunData.evaluationImages(DataSource.of(test), RunData.Split.TEST,
                ValidationSplit.None::new, ModelCard.fromJson(cardJson).labels(), 0, 0, false);
        WeightsPacker.TestSet testSet = new WeightsPacker.TestSet("the test images of " + test, images.size(), card ->
                RunData.evaluationIterator(images, 100, card.height(), card.width(), card.preprocessing(), card.layout()));
        Pretrained p = WeightsPacker.pack(checkpoint, testSet, tag, provenance, license, out);
        spec.commandLine().getOut().printf("packed %s: %s (sha256 %s), test accuracy %.4f on %s%n", p.tag(),
                out.resolve(p.file()), p.sha256(), p.training().path("test").path("accuracy").asDouble(),
                testSet.source());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
