package org.zoo4j.examples;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.zoo.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.layers.runtime.Zoo4jRuntime;
import org.zoo4j.zoo.file.ModelFile;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.zoo4j.data.Normalization;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fine-tune a zoo model for a new task with DL4J's TransferLearning: keep the first two stages frozen, replace the
 * classifier ({@code head.fc}) by a fresh one for the new classes, train the rest. The new task here is "vehicle or
 * animal" on CIFAR-10 images. Start from a ResNet-20 model file (argument 1): a checkpoint of
 * {@code zoo4j train resnet20} or PyTorch weights brought in with {@code zoo4j import-torch resnet20}; without one, from
 * a fresh ResNet-20. The model file's card says how its inputs look (layout, normalisation), so the data is prepared
 * to match. Argument 2: epochs (default 2).
 */
public final class FineTuneExample {

    /** airplane, automobile, ship, truck are vehicles (column 0); the six animals are column 1. */
    private static final double[][] VEHICLE_OR_ANIMAL = {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1},
            {0, 1}, {1, 0}, {1, 0}};

    private FineTuneExample() {
    }

    public static void main(String[] args) throws IOException {
        Zoo4jRuntime.configure(); // DL4J's oneDNN helpers, as zoo4j measured them
        Path checkpoint = args.length > 0 ? Path.of(args[0]) : null;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf("vehicle-or-animal accuracy: %.4f%n", run(checkpoint, epochs, 2500));
    }

    public static double run(Path checkpoint, int epochs, int limit) throws IOException {
        Zoo4jModel resnet20 = ModelRegistry.builder("resnet20").build();
        ModelFile file = checkpoint != null ? ModelFile.load(checkpoint) : null;
        ComputationGraph base = file != null ? file.net() : resnet20.init();
        CNN2DFormat layout = file != null ? file.card().layout() : CNN2DFormat.NCHW;
        Normalization normalization = file != null ? file.card().preprocessing() : Normalization.CIFAR10;

        ComputationGraph tuned = new TransferLearning.GraphBuilder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).seed(7).build())
                .setFeatureExtractor(resnet20.stageOutputs().get(1))           // stages 1-2 stay as they are
                .nOutReplace(resnet20.classifierName(), 2, WeightInit.XAVIER)  // a new two-way classifier
                .build();

        CifarRecords.Partition data = CifarSample.records().limit(limit).holdOut(0.2, 7);
        DataSetPreProcessor twoClasses = new RelabelPreProcessor(Nd4j.create(VEHICLE_OR_ANIMAL).castTo(DataType.FLOAT));
        CifarIterator train = CifarIterator.builder(data.train()).batchSize(64).seed(7).dataFormat(layout)
                .normalization(normalization).build();
        CifarIterator validation = CifarIterator.builder(data.validation()).batchSize(250).shuffle(false)
                .dataFormat(layout).normalization(normalization).build();
        train.setPreProcessor(twoClasses);
        validation.setPreProcessor(twoClasses);

        for (int epoch = 0; epoch < epochs; epoch++) {
            tuned.fit(train);
        }
        Evaluation evaluation = tuned.evaluate(validation);
        return evaluation.accuracy();
    }

    /** Maps CIFAR-10's one-hot labels to the new classes: labels [n, 10] x mapping [10, k]. */
    private record RelabelPreProcessor(INDArray mapping) implements DataSetPreProcessor {
        @Override
        public void preProcess(org.nd4j.linalg.dataset.api.DataSet batch) {
            batch.setLabels(batch.getLabels().mmul(mapping));
        }
    }
}
