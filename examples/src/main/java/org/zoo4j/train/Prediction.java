package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.data.CifarRecords;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Top-k classes of images already turned into records, preprocessed as the checkpoint's training run did. */
public final class Prediction {

    private Prediction() {
    }

    public record Guess(String label, double probability) {
    }

    public static List<List<Guess>> topK(ComputationGraph net, TrainingOptions options, CifarRecords images,
                                         List<String> classNames, int k) {
        INDArray probabilities = net.outputSingle(false, RunData.iterator(images, options).next().getFeatures());
        List<List<Guess>> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            double[] p = probabilities.getRow(i).toDoubleVector();
            out.add(IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble(c -> -p[c]))
                    .limit(k).map(c -> new Guess(classNames.get(c), p[c])).toList());
        }
        return out;
    }
}
