package org.zoo4j.zoo.registry;

import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.Zoo4jModel;
import java.util.function.Supplier;

/**
 * What the registry knows of an architecture without building it: where it comes from and how to make it. (The card
 * that travels with a model file is {@link org.zoo4j.core.file.ModelCard}.)
 *
 * @param family    "vgg", "resnet", "densenet", or a family of the user's own
 * @param reference the paper or code the architecture follows, and what "exact" means for it
 */
public record ModelEntry(String name, String family, String reference, Supplier<ModelBuilder<? extends Zoo4jModel>> builder) {

    /** The model with all its defaults. */
    public Zoo4jModel create() {
        return builder.get().build();
    }
}
