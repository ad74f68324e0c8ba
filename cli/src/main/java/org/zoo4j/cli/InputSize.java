package org.zoo4j.cli;

import org.zoo4j.core.file.ModelCard;
import picocli.CommandLine.Option;

/** {@code --size}: the input size of a model file that does not record it (a DL4J file without a zoo4j card). */
final class InputSize {

    @Option(names = "--size", description = "Input size HxW (or one number for a square), for model files that do "
            + "not record it; zoo4j's own files do.")
    String size;

    /** The card with a size: its own, or --size's. */
    ModelCard applyTo(ModelCard card) {
        if (size == null) {
            if (!card.hasInputSize()) {
                throw new IllegalArgumentException("this model file does not record its input size (a DL4J file "
                        + "without a zoo4j model card): give --size, e.g. --size 32 or --size 224x224");
            }
            return card;
        }
        String[] parts = size.toLowerCase().split("x");
        try {
            int height = Integer.parseInt(parts[0].strip());
            int width = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : height;
            if (parts.length > 2 || height < 1 || width < 1) {
                throw new NumberFormatException();
            }
            return card.withInputSize(height, width);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size takes HxW or one number, e.g. 224x224 or 32, got '" + size + "'");
        }
    }
}
