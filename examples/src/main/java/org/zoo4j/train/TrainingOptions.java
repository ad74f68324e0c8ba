package org.zoo4j.train;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Normalization;

/**
 * Everything that determines a training run, resolved from a {@link Recipe} and the user's overrides, recorded in
 * every checkpoint so that {@code --resume}, {@code eval} and {@code predict} use what training used.
 *
 * @param data       the data location, or null for the embedded sample
 * @param limit      first N records only (0 = all)
 * @param validation how validation records are held out of the training records (see {@link ValidationSplit})
 * @param format     the model's and the batches' layout: NHWC by default, faster with zoo4j's layers (resnet20
 *                   training 388-426 vs 356-359 images/s, {@code zoo4j bench --format}); checkpoints written before
 *                   the option existed are NCHW
 */
public record TrainingOptions(String model, String data, int limit, String validation, int epochs, int batch,
                              Recipe.Optimizer optimizer, double lr, double momentum, boolean nesterov,
                              double weightDecay, LearningRateSchedule.Kind schedule, int warmupEpochs,
                              Augmentation augmentation, Normalization normalization, long seed,
                              CNN2DFormat format) {

    public TrainingOptions {
        require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
        require(batch >= 1, "--batch must be >= 1, got " + batch);
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "--weight-decay must be >= 0, got " + weightDecay);
        require(warmupEpochs >= 0 && warmupEpochs < epochs, "--warmup-epochs must be in [0, epochs), got "
                + warmupEpochs);
        require(limit >= 0, "--limit must be >= 1, got " + limit);
        require(optimizer != Recipe.Optimizer.SGD || nesterov || momentum == 0, "DL4J offers SGD with Nesterov "
                + "momentum (--nesterov) or without momentum (--momentum 0), not classical momentum");
        ValidationSplit.parse(validation);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The recipe's settings for a model, before overrides. */
    public static TrainingOptions of(Recipe r, String model) {
        return new TrainingOptions(model, null, 0, "0.1", r.epochs, r.batch, r.optimizer, r.lr, r.momentum, r.nesterov,
                r.weightDecay, r.schedule, r.warmupEpochs, r.augmentation, r.normalization, 42, CNN2DFormat.NHWC);
    }

    /** The same run reading its data from elsewhere (e.g. where eval finds it on another machine). */
    public TrainingOptions withData(String location) {
        return new TrainingOptions(model, location, limit, validation, epochs, batch, optimizer, lr, momentum, nesterov,
                weightDecay, schedule, warmupEpochs, augmentation, normalization, seed, format);
    }

    String toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("model", model).put("data", data).put("limit", limit).put("validation", validation)
                .put("epochs", epochs).put("batch", batch).put("optimizer", optimizer.name()).put("lr", lr)
                .put("momentum", momentum).put("nesterov", nesterov).put("weightDecay", weightDecay)
                .put("schedule", schedule.name()).put("warmupEpochs", warmupEpochs)
                .put("cropPadding", augmentation.cropPadding()).put("flip", augmentation.flip())
                .put("cutout", augmentation.cutout()).put("normalization", normalization.name()).put("seed", seed)
                .put("format", format.name());
        return n.toString();
    }

    static TrainingOptions fromJson(JsonNode n) {
        return new TrainingOptions(n.get("model").asText(), n.get("data").isNull() ? null : n.get("data").asText(),
                n.get("limit").asInt(), n.get("validation").asText(), n.get("epochs").asInt(), n.get("batch").asInt(),
                Recipe.Optimizer.valueOf(n.get("optimizer").asText()), n.get("lr").asDouble(),
                n.get("momentum").asDouble(), n.get("nesterov").asBoolean(), n.get("weightDecay").asDouble(),
                LearningRateSchedule.Kind.valueOf(n.get("schedule").asText()), n.get("warmupEpochs").asInt(),
                new Augmentation(n.get("cropPadding").asInt(), n.get("flip").asBoolean(), n.get("cutout").asInt()),
                Normalization.valueOf(n.get("normalization").asText()), n.get("seed").asLong(),
                n.has("format") ? CNN2DFormat.valueOf(n.get("format").asText()) : CNN2DFormat.NCHW);
    }
}
