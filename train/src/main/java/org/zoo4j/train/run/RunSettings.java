package org.zoo4j.train.run;

import org.zoo4j.core.InvalidSettingException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.core.Normalization;
import org.zoo4j.train.Hyperparameters;

import java.util.Objects;

/**
 * Everything that determines a training run besides the model's weights, recorded in every checkpoint so that a
 * resumed run and an evaluation use what training used.
 *
 * @param model      a registry name (train from scratch), or a model file or shipped weights' tag (fine-tune it)
 * @param data       CIFAR-10's binaries, an image folder or the embedded sample
 * @param limit      first N records only (0 = all)
 * @param validation how validation records are held out of the training records
 * @param format     the model's and the batches' layout: NHWC is faster with zoo4j's layers (resnet20 training
 *                   388-426 vs 356-359 images/s, {@code zoo4j bench --format})
 * @param freeze     when fine-tuning, the vertex or block (as {@code zoo4j summary} names them) up to which the
 *                   network stays frozen; null for none
 * @param skipBad    skip unreadable images of an image folder instead of failing
 */
public record RunSettings(String model, DataSource data, int limit, ValidationSplit validation,
                          Augmentation augmentation, Normalization normalization, CNN2DFormat format,
                          Hyperparameters hyperparameters, String freeze, boolean skipBad) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        if (limit < 0) {
            throw new InvalidSettingException(CifarRecords.LIMIT, "must be >= 0 (0: all records), got " + limit);
        }
    }

    /** A recipe's settings for a model: all data, a seeded 10% hold-out, NHWC. */
    public static RunSettings of(Recipe recipe, String model) {
        return new RunSettings(model, new DataSource.EmbeddedSample(), 0, new ValidationSplit.Fraction(0.1),
                recipe.augmentation(), recipe.normalization(), CNN2DFormat.NHWC, recipe.hyperparameters(), null, false);
    }

    public RunSettings withValidation(ValidationSplit split) {
        return new RunSettings(model, data, limit, split, augmentation, normalization, format, hyperparameters,
                freeze, skipBad);
    }

    /** The same run with the input conventions of the model it fine-tunes. */
    public RunSettings withInput(Normalization newNormalization, CNN2DFormat newFormat) {
        return new RunSettings(model, data, limit, validation, augmentation, newNormalization, newFormat,
                hyperparameters, freeze, skipBad);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run settings are plain data and always serialise", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not complete settings */
    public static RunSettings fromJson(String json) {
        try {
            return JSON.readValue(json, RunSettings.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not readable run settings: " + e.getMessage(), e);
        }
    }
}
