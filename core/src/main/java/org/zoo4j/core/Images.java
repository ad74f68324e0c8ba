package org.zoo4j.core;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Iterator;
import java.nio.file.Path;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pictures of any size and colour model as a model's input batch, the way torchvision evaluates. */
public final class Images {

    /** Colour channels of every batch: RGB. */
    public static final int CHANNELS = 3;
    /** How {@link #fit} resizes, in timm's and torchvision's words. */
    public static final String INTERPOLATION = "bilinear";
    /** The part of the resized image {@link #fit} keeps, as timm's {@code crop_pct}: all of its shorter side. */
    public static final double CROP_PCT = 1.0;

    private Images() {
    }

    /**
     * The most pixels an image may declare: a few hundred bytes of PNG can declare 100,000 x 100,000 of them, which
     * would take 40 GB to decode. 100 megapixels is more than any camera photo.
     */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * Decodes a PNG, JPEG, BMP or GIF file after checking the size its header declares against {@link #MAX_PIXELS}.
     *
     * @throws IOException saying what is wrong with the file (not an image, too large, damaged)
     */
    public static BufferedImage read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a PNG, JPEG, BMP or GIF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw new IOException("it has no pixels");
                }
                if (width * height > MAX_PIXELS) {
                    throw new IOException("it declares " + width + "x" + height + " pixels, more than the "
                            + MAX_PIXELS + " zoo4j decodes");
                }
                return reader.read(0);
            } catch (RuntimeException e) {
                throw new IOException("it cannot be decoded (" + UntrustedText.oneLine(e.getMessage()) + ")", e);
            } catch (IOException e) {
                if (e.getMessage() != null) {
                    throw e;
                }
                // ImageIO's for a truncated stream says nothing
                throw new IOException("it cannot be decoded (" + e.getClass().getSimpleName() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The image scaled (bilinear) so that it covers {@code height x width} with its aspect ratio kept, then cut to
     * that size around its centre: torchvision's {@code Resize} of the shorter side followed by {@code CenterCrop}.
     * Grey and palette images become RGB; transparency is composited on black.
     */
    public static BufferedImage fit(BufferedImage image, int height, int width) {
        double scale = Math.max(height / (double) image.getHeight(), width / (double) image.getWidth());
        int scaledWidth = Math.max(width, (int) Math.round(image.getWidth() * scale));
        int scaledHeight = Math.max(height, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, -(scaledWidth - width) / 2, -(scaledHeight - height) / 2, scaledWidth, scaledHeight, null);
        g.dispose();
        return out;
    }

    /**
     * A float batch of the images, each {@linkplain #fit fitted} to {@code height x width} and normalised.
     *
     * @throws IllegalArgumentException when the normalisation is not for three (RGB) channels
     */
    public static INDArray batch(List<BufferedImage> images, int height, int width, Normalization normalization,
                                 CNN2DFormat format) {
        if (normalization.channels() != CHANNELS) {
            throw new IllegalArgumentException("images are RGB, but the normalisation has " + normalization.channels()
                    + " channels");
        }
        float[][] table = normalization.table();
        long size = (long) images.size() * CHANNELS * height * width;
        if (height < 1 || width < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + images.size() + " images of " + height + " x " + width
                    + " pixels does not fit one array");
        }
        float[] values = new float[(int) size];
        for (int i = 0; i < images.size(); i++) {
            write(fit(images.get(i), height, width), values, i, table, format);
        }
        long[] shape = format == CNN2DFormat.NCHW ? new long[]{images.size(), CHANNELS, height, width}
                : new long[]{images.size(), height, width, CHANNELS};
        return Nd4j.create(values, shape, 'c');
    }

    /** Writes an RGB image, normalised by a {@link Normalization#table()}, at batch position {@code slot}. */
    public static void write(BufferedImage image, float[] values, int slot, float[][] table, CNN2DFormat format) {
        int height = image.getHeight();
        int width = image.getWidth();
        int plane = height * width;
        int base = slot * CHANNELS * plane;
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int pixel = 0; pixel < plane; pixel++) {
            for (int c = 0; c < CHANNELS; c++) {
                int value = (rgb[pixel] >> (16 - 8 * c)) & 0xFF;
                int at = format == CNN2DFormat.NCHW ? base + c * plane + pixel : base + pixel * CHANNELS + c;
                values[at] = table[c][value];
            }
        }
    }
}
