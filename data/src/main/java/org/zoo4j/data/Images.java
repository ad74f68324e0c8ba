package org.zoo4j.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pictures of any size as CIFAR-10 records, so they go through the same {@link CifarIterator} preprocessing. */
public final class Images {

    private Images() {
    }

    /** Each image scaled to 32x32 RGB (bilinear, aspect ratio not kept, like torchvision's Resize((32, 32))). */
    public static CifarRecords records(List<BufferedImage> images, String source) {
        byte[] labels = new byte[images.size()];
        byte[] pixels = new byte[images.size() * Cifar10.IMAGE_BYTES];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage small = scaled(images.get(i));
            int base = i * Cifar10.IMAGE_BYTES;
            for (int y = 0; y < Cifar10.SIZE; y++) {
                for (int x = 0; x < Cifar10.SIZE; x++) {
                    int rgb = small.getRGB(x, y);
                    int at = base + y * Cifar10.SIZE + x;
                    pixels[at] = (byte) (rgb >> 16);
                    pixels[at + Cifar10.SIZE * Cifar10.SIZE] = (byte) (rgb >> 8);
                    pixels[at + 2 * Cifar10.SIZE * Cifar10.SIZE] = (byte) rgb;
                }
            }
        }
        return new CifarRecords(labels, pixels, Cifar10.CLASS_NAMES, source);
    }

    private static BufferedImage scaled(BufferedImage image) {
        BufferedImage out = new BufferedImage(Cifar10.SIZE, Cifar10.SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, Cifar10.SIZE, Cifar10.SIZE, null);
        g.dispose();
        return out;
    }
}
