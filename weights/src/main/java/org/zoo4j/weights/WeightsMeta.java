package org.zoo4j.weights;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.zoo4j.core.Images;
import org.zoo4j.zoo.MultiplyAdds;
import org.zoo4j.zoo.ParamCount;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.util.List;

/**
 * A shipped weight described as torchvision's {@code Weights.meta} and timm's {@code pretrained_cfg} describe theirs:
 * its size and cost, the input it expects and how an image becomes that input, its classes, its accuracy and on which
 * data, how it was trained, its license and where it came from.
 *
 * @param numParams     trainable parameters (PyTorch's count: BatchNorm's running statistics excluded)
 * @param gflops        multiply-adds of one image, in billions (torchvision's GFLOPS)
 * @param fileBytes     the model file's size
 * @param inputSize     channels, height, width
 * @param interpolation how images are resized to the input ({@link Images#fit}); the crop keeps {@code cropPct}
 * @param accuracy      top-1 accuracy on {@code accuracyOn}, test images the training run never saw
 * @param recipe        the training run's settings (model, data, split, augmentation, hyperparameters)
 * @param trainingHours wall-clock hours of the training run
 */
public record WeightsMeta(String tag, String architecture, long numParams, double gflops, long fileBytes,
                          int[] inputSize, String layout, String interpolation, double cropPct, boolean scaleTo01,
                          float[] mean, float[] std, List<String> labels, double accuracy, String accuracyOn,
                          int epochs, double trainingHours, double imagesPerSecond, JsonNode recipe, String license,
                          String provenance, String sha256) {

    /** For weights whose index names no license: what holds for zoo4j's own. */
    static final String NO_LICENSE = "none stated (the zoo4j repository has no license file, and CIFAR-10 "
            + "(Krizhevsky 2009) is published without one)";

    static WeightsMeta of(Pretrained p, ModelFile model, long fileBytes) {
        ModelCard card = model.card();
        JsonNode training = p.training();
        JsonNode test = training.path("test");
        String accuracyOn = String.format(java.util.Locale.ROOT, "%s (%,d images)", test.path("data").asText(),
                test.path("images").asInt());
        long multiplyAdds = MultiplyAdds.of(model.net().getConfiguration(), InputType.convolutional(card.height(),
                card.width(), card.channels(), card.layout()));
        return new WeightsMeta(p.tag(), p.architecture(), ParamCount.of(model.net().getConfiguration()).trainable(),
                multiplyAdds / 1e9, fileBytes, card.inputShape(), card.layout().name(), Images.INTERPOLATION,
                Images.CROP_PCT, card.preprocessing().scaleTo01(), card.preprocessing().mean(),
                card.preprocessing().std(), card.labels(), test.path("accuracy").asDouble(Double.NaN),
                accuracyOn, training.path("epochs").asInt(), training.path("wall_seconds").asDouble() / 3600,
                training.path("images_per_second").asDouble(), training.path("settings"),
                p.license() == null ? NO_LICENSE : p.license(), training.path("data").asText(), p.sha256());
    }
}
