package org.zoo4j.weights;

import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * One shipped weight file, as {@code weights.json} lists it.
 *
 * @param tag      timm-style name: architecture, a dot, the data it was trained on ({@code resnet20.cifar10})
 * @param file     resource name beside {@code weights.json}
 * @param sha256   of the file, checked on every load
 * @param training how it was made: the run's settings (recipe and every flag), epochs, wall time, images/s, the
 *                 validation accuracy of the recipe, and the data's provenance
 * @param license  the weights' license, or null where none is stated
 */
@org.nd4j.shade.jackson.annotation.JsonInclude(org.nd4j.shade.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Pretrained(String tag, String file, String sha256, JsonNode training, String license) {

    /** The registry architecture the tag names (the part before the first dot). */
    public String architecture() {
        return tag.substring(0, tag.indexOf('.'));
    }
}
