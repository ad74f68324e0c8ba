package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.data.UnreadableImageException;
import org.zoo4j.train.Hyperparameters;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed library errors read in flag words, whatever the library's words for the setting. */
class FlagsTest {

    @Test
    void everyHyperparameterHasItsFlag() {
        String[] settings = Arrays.stream(Hyperparameters.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(FlagsTest::value).toArray(String[]::new);
        assertThat(settings).hasSizeGreaterThanOrEqualTo(8);
        assertThat(settings).allSatisfy(s -> assertThat(Flags.of(s)).as(s).startsWith("--"));
    }

    @Test
    void aSettingReadsAsItsFlagAndOthersAsTheyAre() {
        assertThat(Flags.described(new InvalidSettingException(Hyperparameters.LEARNING_RATE, "must be positive")))
                .isEqualTo("--lr must be positive");
        assertThat(Flags.described(new InvalidSettingException("colour", "must be blue")))
                .isEqualTo("colour must be blue");
        assertThat(Flags.described(new UnreadableImageException(Path.of("a.png"), "is empty")))
                .isEqualTo("a.png is empty (--skip-bad skips such files)");
        assertThat(Flags.described(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
