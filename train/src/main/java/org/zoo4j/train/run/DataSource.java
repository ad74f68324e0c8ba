package org.zoo4j.train.run;

import org.nd4j.shade.jackson.core.JsonGenerator;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.databind.DeserializationContext;
import org.nd4j.shade.jackson.databind.JsonDeserializer;
import org.nd4j.shade.jackson.databind.JsonSerializer;
import org.nd4j.shade.jackson.databind.SerializerProvider;
import org.nd4j.shade.jackson.databind.annotation.JsonDeserialize;
import org.nd4j.shade.jackson.databind.annotation.JsonSerialize;
import org.zoo4j.data.CifarSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's images come from, told apart once, where a location is given: CIFAR-10's binaries (a
 * {@code cifar-10-batches-bin} directory or the {@code .tar.gz}), an image folder ({@code DIR/train/<class>/*}, with
 * {@code DIR/val} and {@code DIR/test} when present), or the CIFAR-10 sample embedded in zoo4j. Run settings record
 * it as its location (null for the sample), as every version has.
 */
@JsonSerialize(using = DataSource.Writer.class)
@JsonDeserialize(using = DataSource.Reader.class)
public sealed interface DataSource {

    record CifarBinaries(Path location) implements DataSource {
        @Override
        public String toString() {
            return location.toString();
        }
    }

    record ImageFolderRoot(Path location) implements DataSource {
        @Override
        public String toString() {
            return location.toString();
        }
    }

    record EmbeddedSample() implements DataSource {
        @Override
        public Path location() {
            return null;
        }

        @Override
        public String toString() {
            return CifarSample.DESCRIPTION;
        }
    }

    /** The directory or file, null for the embedded sample. */
    Path location();

    /** The data at {@code location}: an image folder when it has a {@code train/} folder; null for the sample. */
    static DataSource of(String location) {
        if (location == null) {
            return new EmbeddedSample();
        }
        Path path = Path.of(location);
        return Files.isDirectory(path.resolve("train")) ? new ImageFolderRoot(path) : new CifarBinaries(path);
    }

    /** The location as run settings record it (null for the sample). */
    final class Writer extends JsonSerializer<DataSource> {
        @Override
        public void serialize(DataSource data, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (data.location() == null) {
                out.writeNull();
            } else {
                out.writeString(data.location().toString());
            }
        }
    }

    /** Reads a recorded location (null: the sample). */
    final class Reader extends JsonDeserializer<DataSource> {
        @Override
        public DataSource deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return of(in.getValueAsString());
        }

        @Override
        public DataSource getNullValue(DeserializationContext context) {
            return new EmbeddedSample();
        }
    }
}
