package org.zoo4j.data;

import org.zoo4j.core.Normalization;
import org.zoo4j.core.Images;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImagesTest {

    /** A 200x100 picture, white in its central 100x100 square, black in the 50-pixel bands left and right. */
    private static BufferedImage whiteCentre() {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(50, 0, 100, 100);
        g.dispose();
        return image;
    }

    @Test
    void fitResizesTheShorterSideAndCropsTheCentre() {
        BufferedImage fitted = Images.fit(whiteCentre(), 8, 8);
        assertThat(fitted.getWidth()).isEqualTo(8);
        assertThat(fitted.getHeight()).isEqualTo(8);
        for (int x = 0; x < 8; x++) {
            assertThat(fitted.getRGB(x, 4) & 0xFFFFFF).as("column %d", x).isEqualTo(0xFFFFFF);
        }
        // squeezing instead of cropping would have kept the black bands
        assertThat(Images.fit(whiteCentre(), 8, 16).getRGB(0, 4) & 0xFF).isLessThan(64);
    }

    @Test
    void greyAndTransparentImagesBecomeRgb() {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 128);
        BufferedImage fitted = Images.fit(grey, 4, 4);
        assertThat(new Color(fitted.getRGB(1, 1))).isEqualTo(new Color(128, 128, 128));
        BufferedImage clear = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        clear.setRGB(2, 2, 0x00FFFFFF); // white, fully transparent
        assertThat(Images.fit(clear, 4, 4).getRGB(2, 2) & 0xFFFFFF).isZero();
    }

    @Test
    void batchNormalisesPerChannelInEitherLayout() {
        BufferedImage red = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 4; i++) {
            red.setRGB(i % 2, i / 2, 0xFF0000);
        }
        INDArray nchw = Images.batch(List.of(red), 2, 2, Normalization.IMAGENET, CNN2DFormat.NCHW);
        INDArray nhwc = Images.batch(List.of(red), 2, 2, Normalization.IMAGENET, CNN2DFormat.NHWC);
        assertThat(nchw.shape()).containsExactly(1, 3, 2, 2);
        assertThat(nhwc.shape()).containsExactly(1, 2, 2, 3);
        assertThat(nchw.getDouble(0, 0, 1, 1)).isCloseTo((1 - 0.485) / 0.229, within(1e-5));
        assertThat(nchw.getDouble(0, 2, 0, 0)).isCloseTo((0 - 0.406) / 0.225, within(1e-5));
        assertThat(nhwc.permute(0, 3, 1, 2)).isEqualTo(nchw);
    }

    @Test
    void normalizationIsValueEqualAndChecked() {
        assertThat(new Normalization(true, new float[]{0.485f, 0.456f, 0.406f}, new float[]{0.229f, 0.224f, 0.225f}))
                .isEqualTo(Normalization.IMAGENET).hasSameHashCodeAs(Normalization.IMAGENET);
        assertThatThrownBy(() -> new Normalization(true, new float[]{0}, new float[]{0}))
                .hasMessageContaining("std must be positive");
    }

    /** A 57-byte PNG whose header declares 100,000 x 100,000 pixels (40 GB decoded): refused before decoding. */
    @Test
    void aDecompressionBombIsRefusedByItsHeader(@TempDir Path tmp)
            throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", new byte[]{0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(png, "IEND", new byte[0]);
        Path bomb = Files.write(tmp.resolve("bomb.png"), png.toByteArray());

        long start = System.nanoTime();
        assertThatThrownBy(() -> Images.read(bomb))
                .isInstanceOf(IOException.class)
                .hasMessage("it declares 100000x100000 pixels, more than the 100000000 zoo4j decodes");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
        Path folder = tmp.resolve("train/a");
        Files.createDirectories(folder);
        Files.copy(bomb, folder.resolve("bomb.png"));
        Files.createDirectories(tmp.resolve("train/b"));
        assertThatThrownBy(() -> ImageFolder.scan(tmp.resolve("train"), false))
                .hasMessageContaining("bomb.png declares 100000x100000 pixels");
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws Exception {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(type.getBytes(StandardCharsets.US_ASCII));
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
