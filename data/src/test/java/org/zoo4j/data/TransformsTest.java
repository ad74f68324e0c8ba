package org.zoo4j.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformsTest {

    /** 12 wide, 10 high; every pixel a colour of its own. */
    private static final BufferedImage NOISE = noise(12, 10);

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (y * width + x + 1) << 12 | random.nextInt(1 << 12));
            }
        }
        return image;
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void randomCropShiftsWithinThePaddingAndPadsWithBlack() {
        Set<List<Integer>> shifts = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SplittableRandom replay = new SplittableRandom(seed);
            int dy = replay.nextInt(7) - 3;
            int dx = replay.nextInt(7) - 3;
            BufferedImage out = Transforms.randomCrop(3).apply(NOISE, random);
            assertThat(out.getWidth()).isEqualTo(12);
            assertThat(out.getHeight()).isEqualTo(10);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 12; x++) {
                    boolean inside = y + dy >= 0 && y + dy < 10 && x + dx >= 0 && x + dx < 12;
                    assertThat(rgb(out, x, y)).isEqualTo(inside ? rgb(NOISE, x + dx, y + dy) : 0);
                }
            }
            shifts.add(List.of(dy, dx));
        }
        assertThat(shifts).hasSizeGreaterThan(20);
        BufferedImage wider = Transforms.randomCrop(30).apply(NOISE, new SplittableRandom(0));
        assertThat(wider.getWidth()).as("a shift beyond the image leaves it black or partly so").isEqualTo(12);
    }

    @Test
    void horizontalFlipMirrorsHalfTheTime() {
        int mirrored = 0;
        for (int seed = 0; seed < 40; seed++) {
            BufferedImage out = Transforms.horizontalFlip().apply(NOISE, new SplittableRandom(seed));
            boolean mirror = new SplittableRandom(seed).nextBoolean();
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 12; x++) {
                    assertThat(rgb(out, x, y)).isEqualTo(rgb(NOISE, mirror ? 11 - x : x, y));
                }
            }
            mirrored += mirror ? 1 : 0;
        }
        assertThat(mirrored).isBetween(10, 30);
    }

    @Test
    void cutoutPaintsASquareClippedAtTheBorder() {
        BufferedImage out = Transforms.cutout(4, 0x123456).apply(NOISE, new SplittableRandom(1));
        SplittableRandom replay = new SplittableRandom(1);
        int cy = replay.nextInt(10);
        int cx = replay.nextInt(12);
        int painted = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                boolean inSquare = y >= cy - 2 && y < cy + 2 && x >= cx - 2 && x < cx + 2;
                assertThat(rgb(out, x, y)).isEqualTo(inSquare ? 0x123456 : rgb(NOISE, x, y));
                painted += inSquare ? 1 : 0;
            }
        }
        assertThat(painted).isBetween(4, 16);
        assertThat(rgb(NOISE, cx, cy)).as("the input is left as it was").isNotEqualTo(0x123456);
    }

    @Test
    void randomResizedCropGivesTheSizeAskedFromDifferentRegions() {
        BufferedImage photo = noise(80, 60);
        Set<Integer> corners = new HashSet<>();
        for (int seed = 0; seed < 10; seed++) {
            BufferedImage out = Transforms.randomResizedCrop(24, 32).apply(photo, new SplittableRandom(seed));
            assertThat(out.getWidth()).isEqualTo(32);
            assertThat(out.getHeight()).isEqualTo(24);
            corners.add(rgb(out, 0, 0));
        }
        assertThat(corners).hasSizeGreaterThan(5);
    }

    @Test
    void resizeFitsAnyImageAndPassesOneAlreadyFitted() {
        assertThat(Transforms.resize(10, 12).apply(NOISE, null)).isSameAs(NOISE);
        BufferedImage grey = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage fitted = Transforms.resize(8, 8).apply(grey, null);
        assertThat(fitted.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(fitted.getWidth()).isEqualTo(8);
        assertThatThrownBy(() -> Transforms.resize(0, 8)).hasMessageContaining("0x8");
        assertThatThrownBy(() -> Transforms.randomCrop(-1)).hasMessageContaining("crop padding");
    }

    @Test
    void composedStepsRunInOrderAndSurviveSerialization() throws Exception {
        Transform steps = Transform.compose(List.of(Transforms.randomCrop(2), Transforms.horizontalFlip(),
                Transforms.cutout(3, 0)));
        Transform copy = IteratorCopyTest.roundTrip(steps);
        BufferedImage a = steps.apply(NOISE, new SplittableRandom(7));
        BufferedImage b = copy.apply(NOISE, new SplittableRandom(7));
        BufferedImage byHand = Transforms.cutout(3, 0).apply(Transforms.horizontalFlip().apply(
                Transforms.randomCrop(2).apply(NOISE, new SplittableRandom(7)), replayAfter(7, 2)), replayAfter(7, 3));
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                assertThat(rgb(b, x, y)).isEqualTo(rgb(a, x, y));
                assertThat(rgb(byHand, x, y)).isEqualTo(rgb(a, x, y));
            }
        }
        assertThat(Transform.compose(List.of()).apply(NOISE, null)).isSameAs(NOISE);
    }

    /** A generator of this seed after {@code draws} draws, as the next step of a pipeline sees it. */
    private static SplittableRandom replayAfter(long seed, int draws) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < draws; i++) {
            random.nextInt(1 << 20);
        }
        return random;
    }
}
