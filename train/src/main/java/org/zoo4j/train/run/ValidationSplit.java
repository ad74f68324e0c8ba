package org.zoo4j.train.run;

import org.nd4j.shade.jackson.core.JsonGenerator;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.databind.DeserializationContext;
import org.nd4j.shade.jackson.databind.JsonDeserializer;
import org.nd4j.shade.jackson.databind.JsonSerializer;
import org.nd4j.shade.jackson.databind.SerializerProvider;
import org.nd4j.shade.jackson.databind.annotation.JsonDeserialize;
import org.nd4j.shade.jackson.databind.annotation.JsonSerialize;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.data.HoldOut;

import java.io.IOException;

/**
 * How a run holds validation records out of its training records, parsed once from its written form ({@link #spec()},
 * which is also how run settings record it): {@code none}, train on every record and validate on nothing (a final
 * model on all the data, once a recipe has been chosen); {@code 0}, hold nothing out and validate on the test split;
 * a fraction such as {@code 0.1} or a count such as {@code 5000} (a seeded random choice); {@code last:N}, the last N
 * records (of the full CIFAR-10 distribution, {@code last:10000} is data_batch_5).
 */
@JsonSerialize(using = ValidationSplit.Writer.class)
@JsonDeserialize(using = ValidationSplit.Reader.class)
public sealed interface ValidationSplit {

    /** The name an {@link InvalidSettingException} gives a split it cannot read. */
    String SETTING = "validation split";

    /** Train on every record, validate on nothing. */
    record None() implements ValidationSplit {
        @Override
        public String spec() {
            return "none";
        }
    }

    /** Hold nothing out; validate on the data's test split. */
    record TestSplit() implements ValidationSplit {
        @Override
        public String spec() {
            return "0";
        }
    }

    /** A seeded random fraction of the records, in (0, 1). */
    record Fraction(double fraction) implements ValidationSplit {
        @Override
        public String spec() {
            return Double.toString(fraction);
        }
    }

    /** A seeded random choice of this many records. */
    record Count(int records) implements ValidationSplit {
        @Override
        public String spec() {
            return Integer.toString(records);
        }
    }

    /** The last this many records. */
    record Last(int records) implements ValidationSplit {
        @Override
        public String spec() {
            return "last:" + records;
        }
    }

    /** The written form, which {@link #parse} reads back. */
    String spec();

    /** Whether training records are held out for validation (a fraction, a count or the last ones). */
    default boolean holdsOut() {
        return this instanceof Fraction || this instanceof Count || this instanceof Last;
    }

    /**
     * The records split into training and validation records.
     *
     * @throws IllegalStateException for a split that holds nothing out ({@link #holdsOut()} false)
     */
    default <P> P partition(HoldOut<? extends P> records, long seed) {
        if (this instanceof Fraction f) {
            return records.holdOut(f.fraction(), seed);
        }
        if (this instanceof Count c) {
            return records.holdOut(c.records(), seed);
        }
        if (this instanceof Last l) {
            return records.holdOutLast(l.records());
        }
        throw new IllegalStateException("the split " + spec() + " holds nothing out");
    }

    /** @throws InvalidSettingException (setting {@value #SETTING}) naming the accepted forms */
    static ValidationSplit parse(String spec) {
        if (spec == null) {
            throw invalid("nothing");
        }
        try {
            if (spec.equals("none")) {
                return new None();
            }
            if (spec.startsWith("last:")) {
                int n = Integer.parseInt(spec.substring(5));
                if (n >= 1) {
                    return new Last(n);
                }
            } else {
                double value = Double.parseDouble(spec);
                if (value == 0) {
                    return new TestSplit();
                }
                if (value > 0 && value < 1) {
                    return new Fraction(value);
                }
                if (value >= 1 && Double.isFinite(value)) {
                    return new Count((int) value);
                }
            }
        } catch (NumberFormatException e) {
            // named below, with the accepted forms
        }
        throw invalid("'" + spec + "'");
    }

    private static InvalidSettingException invalid(String got) {
        return new InvalidSettingException(SETTING, "is 0 (none: evaluate on the test split), a fraction (0.1), a "
                + "count (5000), last:N (the last N records) or none (train on all, validate on nothing), got " + got);
    }

    /** Run settings record a split as its written form. */
    final class Writer extends JsonSerializer<ValidationSplit> {
        @Override
        public void serialize(ValidationSplit split, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeString(split.spec());
        }
    }

    /** Reads the written form, which every version's run settings hold. */
    final class Reader extends JsonDeserializer<ValidationSplit> {
        @Override
        public ValidationSplit deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return parse(in.getValueAsString());
        }
    }
}
