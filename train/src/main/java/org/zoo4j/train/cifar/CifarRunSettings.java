package org.zoo4j.train.cifar;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Normalization;
import org.zoo4j.train.Hyperparameters;

import java.util.Objects;

/**
 * Everything that determines a CIFAR-10 training run besides the model's weights, recorded in every checkpoint so
 * that a resumed run and an evaluation use what training used.
 *
 * @param data       the data location (a cifar-10-batches-bin directory or the .tar.gz), or null for the embedded
 *                   sample
 * @param limit      first N records only (0 = all)
 * @param validation how validation records are held out of the training records (see {@link ValidationSplit})
 * @param format     the model's and the batches' layout: NHWC is faster with zoo4j's layers (resnet20 training
 *                   388-426 vs 356-359 images/s, {@code zoo4j bench --format})
 */
public record CifarRunSettings(String model, String data, int limit, String validation, Augmentation augmentation,
                               Normalization normalization, CNN2DFormat format, Hyperparameters hyperparameters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CifarRunSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0: all records), got " + limit);
        }
        ValidationSplit.parse(validation);
    }

    /** A recipe's settings for a model: all data, a seeded 10% hold-out, NHWC. */
    public static CifarRunSettings of(Recipe recipe, String model) {
        return new CifarRunSettings(model, null, 0, "0.1", recipe.augmentation(), recipe.normalization(),
                CNN2DFormat.NHWC, recipe.hyperparameters());
    }

    public CifarRunSettings withData(String location) {
        return new CifarRunSettings(model, location, limit, validation, augmentation, normalization, format,
                hyperparameters);
    }

    public CifarRunSettings withHyperparameters(Hyperparameters h) {
        return new CifarRunSettings(model, data, limit, validation, augmentation, normalization, format, h);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run settings are plain data and always serialise", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not complete settings */
    public static CifarRunSettings fromJson(String json) {
        try {
            return JSON.readValue(json, CifarRunSettings.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not readable CIFAR-10 run settings: " + e.getMessage(), e);
        }
    }
}
