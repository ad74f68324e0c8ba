package org.zoo4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CifarReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheTrainingFilesInOrderWithExactPixelsAndPlaneOrder() throws IOException {
        CifarRecords train = CifarReader.read(CifarFiles.directory(tmp, 3), Cifar10.Split.TRAIN);

        assertThat(train.size()).isEqualTo(15);
        for (int r = 0; r < 15; r++) {
            assertThat(train.label(r)).isEqualTo(r % 10);
            byte[] image = train.pixels(r);
            assertThat(image[0] & 0xff).isEqualTo(CifarFiles.pixel(r, 0, 0, 0));
            assertThat(image[1024 + 5 * 32 + 7] & 0xff).as("green plane").isEqualTo(CifarFiles.pixel(r, 1, 5, 7));
            assertThat(image[2048 + 31 * 32 + 31] & 0xff).as("blue plane").isEqualTo(CifarFiles.pixel(r, 2, 31, 31));
        }
        assertThat(train.classes()).containsExactlyElementsOf(Cifar10.CLASS_NAMES);
    }

    @Test
    void readsTheTestSplit() throws IOException {
        CifarRecords test = CifarReader.read(CifarFiles.directory(tmp, 4), Cifar10.Split.TEST);
        assertThat(test.size()).isEqualTo(4);
        assertThat(test.label(0)).isEqualTo(0); // record 100 of the pattern: 100 % 10
        assertThat(test.pixels(1)[3] & 0xff).isEqualTo(CifarFiles.pixel(101, 0, 0, 3));
    }

    @Test
    void readsTheArchiveInPlaceLikeTheDirectory() throws IOException {
        Path dir = CifarFiles.directory(tmp, 3);
        Path archive = CifarFiles.archive(dir, tmp.resolve("cifar-10-binary.tar.gz"));

        CifarRecords fromArchive = CifarReader.read(archive, Cifar10.Split.TRAIN);
        CifarRecords fromDir = CifarReader.read(dir, Cifar10.Split.TRAIN);
        assertThat(fromArchive.size()).isEqualTo(15);
        for (int r = 0; r < 15; r++) {
            assertThat(fromArchive.label(r)).isEqualTo(fromDir.label(r));
            assertThat(fromArchive.pixels(r)).isEqualTo(fromDir.pixels(r));
        }
        assertThat(CifarReader.read(archive, Cifar10.Split.TEST).size()).isEqualTo(3);
    }

    @Test
    void missingLocationOrFileIsNamed() throws IOException {
        assertThatThrownBy(() -> CifarReader.read(tmp.resolve("nowhere"), Cifar10.Split.TRAIN))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nowhere")
                .hasMessageContaining("cifar-10-batches-bin directory");
        Path dir = CifarFiles.directory(tmp, 2);
        Files.delete(dir.resolve("test_batch.bin"));
        assertThatThrownBy(() -> CifarReader.read(dir, Cifar10.Split.TEST))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("test_batch.bin");
    }

    @Test
    void truncatedFileIsRejectedWithItsSize() throws IOException {
        Path dir = CifarFiles.directory(tmp, 2);
        Path file = dir.resolve("data_batch_3.bin");
        byte[] data = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(data, data.length - 10));
        assertThatThrownBy(() -> CifarReader.read(dir, Cifar10.Split.TRAIN))
                .isInstanceOf(CifarFormatException.class).hasMessageContaining("data_batch_3.bin")
                .hasMessageContaining("6136 bytes is not a whole number of 3073-byte records");
    }

    @Test
    void labelOutOfRangeNamesFileAndRecord() throws IOException {
        Path dir = CifarFiles.directory(tmp, 3);
        Path file = dir.resolve("data_batch_2.bin");
        byte[] data = Files.readAllBytes(file);
        data[2 * Cifar10.RECORD_BYTES] = 12;
        Files.write(file, data);
        assertThatThrownBy(() -> CifarReader.read(dir, Cifar10.Split.TRAIN))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("data_batch_2.bin: record 2 has label byte 12, expected 0..9");
    }

    @Test
    void corruptArchiveIsReported() throws IOException {
        Path archive = CifarFiles.archive(CifarFiles.directory(tmp, 2), tmp.resolve("good.tar.gz"));
        byte[] bytes = Files.readAllBytes(archive);
        Path broken = tmp.resolve("broken.tar.gz");
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> CifarReader.read(broken, Cifar10.Split.TRAIN))
                .isInstanceOf(IOException.class).hasMessageContaining("broken.tar.gz");
        Path notGzip = Files.writeString(tmp.resolve("text.tar.gz"), "not an archive");
        assertThatThrownBy(() -> CifarReader.read(notGzip, Cifar10.Split.TRAIN))
                .isInstanceOf(CifarFormatException.class).hasMessageContaining("not a readable .tar.gz archive");
    }

    @Test
    void wrongClassListIsRejected() throws IOException {
        Path dir = CifarFiles.directory(tmp, 1);
        Files.writeString(dir.resolve(Cifar10.META_FILE), "cat\ndog\n");
        assertThatThrownBy(() -> CifarReader.read(dir, Cifar10.Split.TRAIN))
                .hasMessageContaining("batches.meta.txt: expected 10 class names, one a line, found 2");
    }
}
