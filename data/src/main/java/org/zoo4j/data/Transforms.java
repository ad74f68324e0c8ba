package org.zoo4j.data;

import org.zoo4j.core.Images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * The standard {@link Transform}s, after torchvision's. They return new RGB images ({@code TYPE_INT_RGB}); the pixel
 * steps (crop, flip, cutout) read colours and drop transparency, the scaling steps composite it on black.
 */
public final class Transforms {

    private Transforms() {
    }

    /**
     * {@code Resize} of the shorter side and {@code CenterCrop}, as {@link Images#fit}; an RGB image of that size
     * already passes unchanged.
     */
    public static Transform resize(int height, int width) {
        requirePositive(height, width);
        return (image, random) -> image.getType() == BufferedImage.TYPE_INT_RGB && image.getHeight() == height
                && image.getWidth() == width ? image : Images.fit(image, height, width);
    }

    /**
     * {@code RandomCrop(size, padding)} at the image's own size: the image shifted by up to {@code padding} pixels
     * each way (vertical shift drawn first), black where it was padded.
     */
    public static Transform randomCrop(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + padding);
        }
        return (image, random) -> {
            int dy = random.nextInt(2 * padding + 1) - padding;
            int dx = random.nextInt(2 * padding + 1) - padding;
            int height = image.getHeight();
            int width = image.getWidth();
            int[] in = rgb(image);
            int[] out = new int[in.length];
            int length = Math.max(0, width - Math.abs(dx));
            for (int y = Math.max(0, -dy); y < Math.min(height, height - dy); y++) {
                System.arraycopy(in, (y + dy) * width + Math.max(0, dx), out, y * width + Math.max(0, -dx), length);
            }
            return image(out, height, width);
        };
    }

    /** {@code RandomHorizontalFlip()}: mirrored left to right with probability 1/2. */
    public static Transform horizontalFlip() {
        return (image, random) -> {
            int[] in = rgb(image);
            if (!random.nextBoolean()) {
                return image(in, image.getHeight(), image.getWidth());
            }
            int width = image.getWidth();
            int[] out = new int[in.length];
            for (int row = 0; row < in.length; row += width) {
                for (int x = 0; x < width; x++) {
                    out[row + x] = in[row + width - 1 - x];
                }
            }
            return image(out, image.getHeight(), width);
        };
    }

    /**
     * {@code RandomResizedCrop(size)}: a region of 8-100% of the area with aspect ratio 3/4-4/3 (log-uniform), scaled
     * bilinearly to {@code height x width}; after ten regions that do not fit, the whole image {@link #resize}d.
     */
    public static Transform randomResizedCrop(int height, int width) {
        requirePositive(height, width);
        return (image, random) -> {
            double area = image.getWidth() * (double) image.getHeight();
            for (int attempt = 0; attempt < 10; attempt++) {
                double target = area * (0.08 + 0.92 * random.nextDouble());
                double ratio = Math.exp(Math.log(3.0 / 4) + (Math.log(4.0 / 3) - Math.log(3.0 / 4))
                        * random.nextDouble());
                int w = (int) Math.round(Math.sqrt(target * ratio));
                int h = (int) Math.round(Math.sqrt(target / ratio));
                if (w > 0 && h > 0 && w <= image.getWidth() && h <= image.getHeight()) {
                    int x = random.nextInt(image.getWidth() - w + 1);
                    int y = random.nextInt(image.getHeight() - h + 1);
                    return scaled(image, x, y, w, h, height, width);
                }
            }
            return Images.fit(image, height, width);
        };
    }

    /**
     * Cutout (DeVries and Taylor 2017): a {@code side x side} square centred at a random pixel, clipped at the
     * border, painted {@code rgb} (0xRRGGBB).
     */
    public static Transform cutout(int side, int rgb) {
        if (side < 0) {
            throw new IllegalArgumentException("cutout size must be >= 0, got " + side);
        }
        return (image, random) -> {
            int height = image.getHeight();
            int width = image.getWidth();
            int cy = random.nextInt(height);
            int cx = random.nextInt(width);
            int[] pixels = rgb(image);
            for (int y = Math.max(0, cy - side / 2); y < Math.min(height, cy - side / 2 + side); y++) {
                int from = y * width + Math.max(0, cx - side / 2);
                int to = y * width + Math.min(width, cx - side / 2 + side);
                Arrays.fill(pixels, from, Math.max(from, to), rgb);
            }
            return image(pixels, height, width);
        };
    }

    private static void requirePositive(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
    }

    /** The image's colours as 0xRRGGBB, row by row, in a new array (an RGB image's own pixels copied at once). */
    static int[] rgb(BufferedImage image) {
        int[] own = ownPixels(image);
        if (own != null) {
            return own.clone();
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return pixels;
    }

    /** A new RGB image of these 0xRRGGBB colours, row by row. */
    static BufferedImage image(int[] rgb, int height, int width) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(rgb, 0, ownPixels(out), 0, rgb.length);
        return out;
    }

    /** The pixel array of a whole (not sub-) RGB image, or null for any other kind of image. */
    private static int[] ownPixels(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB || image.getRaster().getParent() != null
                || !(image.getRaster().getDataBuffer() instanceof DataBufferInt buffer)) {
            return null;
        }
        int[] pixels = buffer.getData();
        return pixels.length == image.getWidth() * image.getHeight() ? pixels : null;
    }

    /** The region scaled (bilinear) to {@code height x width}. */
    private static BufferedImage scaled(BufferedImage source, int x, int y, int w, int h, int height, int width) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, x, y, x + w, y + h, null);
        g.dispose();
        return out;
    }
}
