package org.zoo4j.data;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.zoo4j.core.Normalization;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFolderTest {

    @TempDir
    Path root;

    private void image(String path, int type, int width, int height, String format) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, type);
        java.util.Random random = new java.util.Random(path.hashCode());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | random.nextInt(1 << 24)); // noise: crops and flips show
            }
        }
        ImageIO.write(image, format, file.toFile());
    }

    private void threeClasses() throws IOException {
        image("train/dog/a.png", BufferedImage.TYPE_INT_ARGB, 40, 30, "png");   // RGBA
        image("train/dog/b.jpg", BufferedImage.TYPE_INT_RGB, 12, 50, "jpg");
        image("train/cat/a.bmp", BufferedImage.TYPE_INT_RGB, 32, 32, "bmp");
        image("train/cat/b.png", BufferedImage.TYPE_BYTE_GRAY, 64, 48, "png");  // grey
        image("train/bird/x.png", BufferedImage.TYPE_INT_RGB, 5, 5, "png");
        image("train/bird/y.png", BufferedImage.TYPE_INT_RGB, 300, 200, "png");
        Files.writeString(root.resolve("train/bird/readme.txt"), "not an image, not an image name: ignored");
    }

    @Test
    void classesAreTheSortedFolderNamesAndEveryImageIsRead() throws Exception {
        threeClasses();
        ImageFolder folder = ImageFolder.scan(root.resolve("train"), false);
        assertThat(folder.classes()).containsExactly("bird", "cat", "dog");
        assertThat(folder.entries()).extracting(ImageFolder.Entry::label).containsExactly(0, 0, 1, 1, 2, 2);

        for (CNN2DFormat format : CNN2DFormat.values()) {
            ImageDatasetIterator it = ImageDatasetIterator.builder(folder, 16, 16).batchSize(4).dataFormat(format)
                    .build();
            DataSet first = it.next();
            DataSet second = it.next();
            assertThat(it.hasNext()).isFalse();
            assertThat(first.getFeatures().shape()).containsExactly(format == CNN2DFormat.NCHW
                    ? new long[]{4, 3, 16, 16} : new long[]{4, 16, 16, 3});
            assertThat(second.getLabels().shape()).containsExactly(2, 3);
            assertThat(second.getLabels().getRow(1).toFloatVector()).containsExactly(0, 0, 1);
        }
    }

    @Test
    void trainingEpochsAreReproducibleAndDiffer() throws Exception {
        threeClasses();
        ImageFolder folder = ImageFolder.scan(root.resolve("train"), false);
        ImageDatasetIterator.Builder b = ImageDatasetIterator.builder(folder, 8, 8).batchSize(6).shuffle(true)
                .transform(Augmentation.STANDARD.transform(8, 8, Normalization.IMAGENET)).seed(3);
        ImageDatasetIterator one = b.build();
        ImageDatasetIterator two = b.build();
        one.setEpoch(2);
        two.setEpoch(2);
        float[] a = one.next().getFeatures().ravel().toFloatVector();
        assertThat(two.next().getFeatures().ravel().toFloatVector()).containsExactly(a);
        two.setEpoch(3);
        assertThat(Arrays.equals(two.next().getFeatures().ravel().toFloatVector(), a)).isFalse();
        // large inputs take the random-resized-crop path
        ImageDatasetIterator large = ImageDatasetIterator.builder(folder, 96, 96).batchSize(6).shuffle(true)
                .transform(Augmentation.STANDARD.transform(96, 96, Normalization.IMAGENET)).build();
        assertThat(large.next().getFeatures().shape()).containsExactly(6, 3, 96, 96);
    }

    @Test
    void anImageThatFailsToDecodeIsNamedOrSkippedByTheIterator() throws Exception {
        threeClasses();
        Path truncated = root.resolve("train/cat/b.png");
        byte[] png = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(png, 60)); // the header the scan reads is intact, the pixels are not
        ImageFolder folder = ImageFolder.scan(root.resolve("train"), false);
        assertThat(folder.size()).isEqualTo(6);
        assertThatThrownBy(() -> ImageDatasetIterator.builder(folder, 8, 8).batchSize(6).build().next())
                .isInstanceOf(UnreadableImageException.class).hasMessageContaining(truncated.toString())
                .hasMessageContaining("cannot be decoded");
        DataSet skipping = ImageDatasetIterator.builder(folder, 8, 8).batchSize(6).skipBad(true).build().next();
        assertThat(skipping.numExamples()).isEqualTo(5);
        assertThat(skipping.getLabels().sum(0).toFloatVector()).containsExactly(2, 1, 2);
    }

    @Test
    void badFoldersAreNamed() throws Exception {
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("empty"), false)).hasMessageContaining("no class folders");
        image("one/cat/a.png", BufferedImage.TYPE_INT_RGB, 4, 4, "png");
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("one"), false)).hasMessageContaining("one class folder (cat)");
        image("gap/cat/a.png", BufferedImage.TYPE_INT_RGB, 4, 4, "png");
        Files.createDirectories(root.resolve("gap/dog"));
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("gap"), false))
                .hasMessageContaining("class folder " + root.resolve("gap/dog")).hasMessageContaining("no readable image");
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("missing"), false)).hasMessageContaining("missing");
    }

    @Test
    void unreadableImagesAreNamedOrSkippedAndForeignValidationClassesRefused() throws Exception {
        threeClasses();
        Path broken = Files.writeString(root.resolve("train/cat/broken.jpg"), "this is no JPEG");
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("train"), false))
                .hasMessageContaining(broken.toString()).hasMessageContaining("not a PNG, JPEG, BMP or GIF");
        ImageFolder skipping = ImageFolder.scan(root.resolve("train"), true);
        assertThat(skipping.skipped()).containsExactly(broken);
        assertThat(skipping.size()).isEqualTo(6);

        image("val/fish/a.png", BufferedImage.TYPE_INT_RGB, 4, 4, "png");
        assertThatThrownBy(() -> ImageFolder.scan(root.resolve("val"), skipping.classes(), false))
                .hasMessageContaining("class 'fish'");
    }
}
