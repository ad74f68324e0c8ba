package org.zoo4j.examples;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.learning.config.Adam;
import org.zoo4j.core.Normalization;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.ImageDatasetIterator;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.data.Transform;
import org.zoo4j.data.Transforms;
import org.zoo4j.layers.runtime.Zoo4jRuntime;
import org.zoo4j.zoo.resnet.ResNet;

/**
 * Train a zoo model on CIFAR-10 with plain DL4J: build ResNet-20, fit it, evaluate it. Uses the 2,500-image sample
 * shipped with zoo4j; for the full data set read it with {@code CifarReader.read(Path.of("cifar-10-batches-bin"),
 * Cifar10.Split.TRAIN)} instead. Arguments: epochs (default 3).
 */
public final class TrainCifarExample {

    private TrainCifarExample() {
    }

    public static void main(String[] args) {
        Zoo4jRuntime.configure(); // DL4J's oneDNN helpers, as zoo4j measured them
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.printf("validation accuracy after %d epochs: %.4f%n", epochs, run(epochs, 2500));
    }

    /** Trains on the first {@code limit} sample images (a fifth held out) and returns the validation accuracy. */
    public static double run(int epochs, int limit) {
        CifarRecords.Partition data = CifarSample.records().limit(limit).holdOut(0.2, 42);
        // torchvision's Compose([RandomCrop(32, padding=4), RandomHorizontalFlip()]) and Normalize(CIFAR-10's)
        Transform augmentation = Transforms.randomCrop(4).andThen(Transforms.horizontalFlip());
        ImageDatasetIterator train = ImageDatasetIterator.builder(data.train(), Cifar10.SIZE, Cifar10.SIZE)
                .batchSize(64).transform(augmentation).shuffle(true).normalization(Normalization.CIFAR10).seed(42)
                .build();
        ImageDatasetIterator validation = ImageDatasetIterator.builder(data.validation(), Cifar10.SIZE, Cifar10.SIZE)
                .batchSize(250).normalization(Normalization.CIFAR10).build();

        ComputationGraph net = ResNet.cifar(20).updater(new Adam(2e-3)).seed(42).build().init();
        net.setListeners(new ScoreIterationListener(10));
        Evaluation evaluation = null;
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.fit(train);
            validation.reset();
            evaluation = net.evaluate(validation);
            System.out.printf("epoch %d: validation accuracy %.4f%n", epoch + 1, evaluation.accuracy());
        }
        return evaluation == null ? Double.NaN : evaluation.accuracy();
    }
}
