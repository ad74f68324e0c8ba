package org.zoo4j.train.run;

import org.junit.jupiter.api.Test;
import org.zoo4j.train.Hyperparameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipeTest {

    @Test
    void architecturesWithoutBatchNormDefaultToThePlainRecipe() {
        assertThat(Recipe.forModel("vgg13")).isEqualTo(Recipe.PLAIN);
        assertThat(Recipe.forModel("vgg13_imagenet")).isEqualTo(Recipe.PLAIN);
        for (String normalised : new String[]{"vgg13_bn", "resnet20", "resnet18", "densenet_bc_100"}) {
            assertThat(Recipe.forModel(normalised)).as(normalised).isEqualTo(Recipe.STANDARD);
        }
        assertThatThrownBy(() -> Recipe.forModel("resnet19")).hasMessageContaining("resnet19");
    }

    @Test
    void plainIsTheStandardRecipeAtHalfTheRateAfterOneWarmUpEpoch() {
        Hyperparameters standard = Recipe.STANDARD.hyperparameters();
        Hyperparameters plain = Recipe.PLAIN.hyperparameters();
        assertThat(plain.learningRate()).isEqualTo(standard.learningRate() / 2);
        assertThat(plain.warmupEpochs()).isEqualTo(1);
        assertThat(plain).usingRecursiveComparison().ignoringFields("learningRate", "warmupEpochs")
                .isEqualTo(standard);
        assertThat(Recipe.PLAIN.augmentation()).isEqualTo(Recipe.STANDARD.augmentation());
        assertThat(Recipe.PLAIN.normalization()).isEqualTo(Recipe.STANDARD.normalization());
    }
}
