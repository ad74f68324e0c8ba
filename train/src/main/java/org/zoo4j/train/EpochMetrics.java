package org.zoo4j.train;

import java.util.Locale;

/**
 * One finished epoch: 1-based epoch number, mean training loss (the data loss, without DL4J's weight-decay term),
 * validation loss and accuracy (NaN without validation data), the learning rate at its end, and its speed.
 */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valAccuracy, double learningRate,
                           double seconds, double imagesPerSecond) {

    static final String CSV_HEADER = "epoch,train_loss,val_loss,val_accuracy,learning_rate,seconds,images_per_second";

    String csv() {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6g,%.1f,%.1f", epoch, trainLoss, valLoss, valAccuracy,
                learningRate, seconds, imagesPerSecond);
    }
}
