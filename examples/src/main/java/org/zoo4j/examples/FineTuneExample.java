package org.zoo4j.examples;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.learning.config.Adam;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.ImageFolder;
import org.zoo4j.data.ImageDatasetIterator;
import org.zoo4j.data.Transform;
import org.zoo4j.layers.runtime.Zoo4jRuntime;
import org.zoo4j.train.FineTuning;
import org.zoo4j.train.ProgressLogger;
import org.zoo4j.train.Trainer;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.weights.PretrainedWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fine-tune a trained model on your own images: a model file (a checkpoint of {@code zoo4j train}, an
 * {@code import-torch} output) and an image folder {@code DIR/train/<class>/*} (validated on {@code DIR/val} when
 * present, else on a fifth of the training images). The first stages stay frozen, the classifier is replaced for the
 * folder's classes, and the images are prepared the way the model file's card says (input size, normalisation,
 * layout). Arguments: MODEL_FILE IMAGE_DIR [EPOCHS, default 5]; writes {@code fine-tuned.zip} with its new card.
 */
public final class FineTuneExample {

    private FineTuneExample() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: FineTuneExample MODEL IMAGE_DIR [EPOCHS]   (MODEL: a model file, or a shipped "
                    + "weight's tag such as resnet20.cifar10)");
            System.exit(2);
        }
        Zoo4jRuntime.configure(); // DL4J's oneDNN helpers, as zoo4j measured them
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ModelFile base = PretrainedWeights.isTag(args[0]) ? PretrainedWeights.load(args[0])
                : ModelFile.load(Path.of(args[0]));
        double accuracy = run(base, Path.of(args[1]), epochs, Path.of("fine-tuned.zip"));
        System.out.printf("validation accuracy after %d epochs: %.4f (model in fine-tuned.zip)%n", epochs, accuracy);
    }

    /** Fine-tunes, saves the result to {@code out} and returns its validation accuracy. */
    public static double run(ModelFile base, Path images, int epochs, Path out) throws IOException {
        ModelCard card = base.card();

        ImageFolder all = ImageFolder.scan(images.resolve("train"), false);
        ImageFolder train = all;
        ImageFolder validation;
        if (Files.isDirectory(images.resolve("val"))) {
            validation = ImageFolder.scan(images.resolve("val"), all.classes(), false);
        } else {
            ImageFolder.Partition split = all.holdOut(0.2, 7);
            train = split.train();
            validation = split.validation();
        }
        // the standard augmentation at the model's input size: random resized crop or padded crop, and flip
        Transform augmentation = Augmentation.STANDARD.transform(card.height(), card.width(), card.preprocessing());
        ImageDatasetIterator trainIt = ImageDatasetIterator.builder(train, card.height(), card.width()).batchSize(32)
                .transform(augmentation).shuffle(true).seed(7).normalization(card.preprocessing())
                .dataFormat(card.layout()).build();
        ImageDatasetIterator valIt = ImageDatasetIterator.builder(validation, card.height(), card.width())
                .batchSize(64).normalization(card.preprocessing()).dataFormat(card.layout()).build();

        ComputationGraph tuned = FineTuning.adapt(base.net(), all.classes().size(), "stage2", // stem..stage2 frozen
                new Adam(1e-3), 0, 7);
        ProgressLogger progress = new ProgressLogger(20);
        Trainer.builder(tuned, trainIt).validation(valIt).labels(all.classes()).epochs(epochs).seed(7)
                .listener(progress).build().fit();

        new ModelFile(tuned, card.withLabels(all.classes()).withWeights("fine-tuned on " + images + " from "
                + card.architecture())).save(out, false);
        valIt.reset();
        Evaluation evaluation = tuned.evaluate(valIt);
        return evaluation.accuracy();
    }
}
