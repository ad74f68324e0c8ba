package org.zoo4j.train;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/** One finished epoch: 1-based epoch number, mean training loss, validation loss and accuracy, speed. */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valAccuracy, double learningRate,
                           double seconds, double imagesPerSecond) {

    static final String CSV_HEADER = "epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds,images_per_second";

    String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6g,%.1f,%.1f", epoch, trainLoss, valLoss,
                valAccuracy, learningRate, seconds, imagesPerSecond);
    }

    ObjectNode json() {
        return new ObjectMapper().createObjectNode().put("epoch", epoch).put("trainLoss", trainLoss)
                .put("valLoss", valLoss).put("valAccuracy", valAccuracy).put("learningRate", learningRate)
                .put("seconds", seconds).put("imagesPerSecond", imagesPerSecond);
    }

    static EpochMetrics fromJson(JsonNode n) {
        return new EpochMetrics(n.get("epoch").asInt(), n.get("trainLoss").asDouble(), n.get("valLoss").asDouble(),
                n.get("valAccuracy").asDouble(), n.get("learningRate").asDouble(), n.get("seconds").asDouble(),
                n.get("imagesPerSecond").asDouble());
    }
}
