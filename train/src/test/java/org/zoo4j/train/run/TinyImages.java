package org.zoo4j.train.run;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * An image folder the tests write: {@code ROOT/train/<class>/*} (and {@code ROOT/val/<class>/*} when asked) of noisy
 * pictures whose class shows in their colour, so that a model can learn it; sizes and file formats vary.
 */
public final class TinyImages {

    private static final String[] FORMATS = {"png", "jpg", "bmp"};

    private TinyImages() {
    }

    /** Class {@code i} is tinted towards red, green or blue ({@code i % 3}), brighter for higher {@code i / 3}. */
    public static Path write(Path root, List<String> classes, int perClass, boolean withVal) throws IOException {
        Random random = new Random(classes.size() * 31L + perClass);
        for (String split : withVal ? List.of("train", "val") : List.of("train")) {
            for (int c = 0; c < classes.size(); c++) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(classes.get(c)));
                int count = split.equals("train") ? perClass : Math.max(2, perClass / 3);
                for (int i = 0; i < count; i++) {
                    int width = 24 + random.nextInt(24);
                    int height = 24 + random.nextInt(24);
                    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            int[] rgb = {random.nextInt(96), random.nextInt(96), random.nextInt(96)};
                            rgb[c % 3] += 120 + 30 * (c / 3);
                            image.setRGB(x, y, (Math.min(255, rgb[0]) << 16) | (Math.min(255, rgb[1]) << 8)
                                    | Math.min(255, rgb[2]));
                        }
                    }
                    String format = FORMATS[i % FORMATS.length];
                    ImageIO.write(image, format, dir.resolve(String.format("img%03d.%s", i, format)).toFile());
                }
            }
        }
        return root;
    }
}
