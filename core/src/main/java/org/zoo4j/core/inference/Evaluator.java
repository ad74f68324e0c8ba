package org.zoo4j.core.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/** One inference pass over a data set: DL4J's {@link Evaluation} and the mean cross-entropy loss. */
public final class Evaluator {

    private Evaluator() {
    }

    public record Result(Evaluation evaluation, double loss) {
        public double accuracy() {
            return evaluation.accuracy();
        }
    }

    /** Evaluates on all of {@code data}, from its start (it is reset first when it can be). */
    public static Result evaluate(ComputationGraph net, DataSetIterator data, List<String> classNames) {
        return evaluate(features -> net.outputSingle(false, features), data, classNames);
    }

    /** Evaluates on all of {@code data} with an inference engine (DL4J's, or ONNX Runtime's on the exported model). */
    public static Result evaluate(Inference model, DataSetIterator data, List<String> classNames) {
        if (data.resetSupported()) {
            data.reset();
        }
        Evaluation evaluation = new Evaluation(classNames);
        double lossSum = 0;
        long count = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray probabilities = model.output(batch.getFeatures());
            evaluation.eval(batch.getLabels(), probabilities);
            lossSum -= Transforms.log(Transforms.max(probabilities, 1e-12), false).muli(batch.getLabels())
                    .sumNumber().doubleValue();
            count += batch.numExamples();
        }
        return new Result(evaluation, lossSum / count);
    }
}
