package org.zoo4j.data;

import org.zoo4j.core.Normalization;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The data path over CIFAR-10 records: layout, normalisation, epochs, and the standard augmentation's steps. */
class ImageDatasetIteratorTest {

    private final CifarRecords records = CifarFiles.records(20);

    @Test
    void scalesPixelsAndOneHotsLabelsInRecordOrder() {
        DataSet batch = plain(Normalization.SCALE_01, CNN2DFormat.NCHW).next();
        INDArray x = batch.getFeatures();
        assertThat(x.shape()).containsExactly(8, 3, 32, 32);
        assertThat(x.getFloat(3, 1, 5, 7)).isCloseTo(CifarFiles.pixel(3, 1, 5, 7) / 255f, within(1e-6f));
        assertThat(batch.getLabels().shape()).containsExactly(8, 10);
        assertThat(batch.getLabels().getRow(3).argMax().getInt(0)).isEqualTo(3);
        assertThat(batch.getLabels().sumNumber().intValue()).isEqualTo(8);
    }

    @Test
    void standardisesWithCifarStatistics() {
        INDArray x = plain(Normalization.CIFAR10, CNN2DFormat.NCHW).next().getFeatures();
        float expected = (CifarFiles.pixel(2, 2, 9, 4) / 255f - 0.4465f) / 0.2616f;
        assertThat(x.getFloat(2, 2, 9, 4)).isCloseTo(expected, within(1e-5f));
    }

    @Test
    void nhwcIsTheTransposeOfNchw() {
        INDArray nchw = plain(Normalization.SCALE_01, CNN2DFormat.NCHW).next().getFeatures();
        INDArray nhwc = plain(Normalization.SCALE_01, CNN2DFormat.NHWC).next().getFeatures();
        assertThat(nhwc).isEqualTo(nchw.permute(0, 2, 3, 1));
    }

    @Test
    void lastBatchHoldsTheRemainderThenTheEpochEnds() {
        ImageDatasetIterator it = plain(Normalization.NONE, CNN2DFormat.NCHW);
        List<Integer> sizes = new ArrayList<>();
        while (it.hasNext()) {
            sizes.add((int) it.next().getFeatures().size(0));
        }
        assertThat(sizes).containsExactly(8, 8, 4);
        assertThat(it.batchesPerEpoch()).isEqualTo(3);
        assertThatThrownBy(it::next).hasMessageContaining("epoch 0 is finished");
        it.reset();
        assertThat(it.epoch()).isEqualTo(1);
        assertThat(it.hasNext()).isTrue();
    }

    @Test
    void flipMirrorsSomeImagesAndLeavesTheOthers() {
        INDArray original = plain(Normalization.SCALE_01, CNN2DFormat.NCHW).next().getFeatures();
        INDArray flipped = augmented(new Augmentation(0, true, 0), 1).next().getFeatures();
        int mirrored = 0;
        for (int i = 0; i < 8; i++) {
            INDArray o = original.slice(i);
            INDArray a = flipped.slice(i);
            INDArray mirror = o.dup();
            for (int x = 0; x < 32; x++) {
                mirror.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(x)).assign(o.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(31 - x)));
            }
            boolean isMirror = a.equals(mirror);
            assertThat(isMirror || a.equals(o)).as("image %d is itself or its mirror", i).isTrue();
            mirrored += isMirror ? 1 : 0;
        }
        assertThat(mirrored).isBetween(1, 7);
    }

    @Test
    void cropIsAShiftWithinThePaddingFilledWithBlack() {
        INDArray original = plain(Normalization.SCALE_01, CNN2DFormat.NCHW).next().getFeatures();
        INDArray cropped = augmented(new Augmentation(4, false, 0), 3).next().getFeatures();
        Set<List<Integer>> shifts = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            int[] shift = findShift(original.slice(i), cropped.slice(i));
            assertThat(shift).as("image %d", i).isNotNull();
            shifts.add(List.of(shift[0], shift[1]));
        }
        // each image its own random shift (81 possible): a crop that did nothing would give (0, 0) eight times
        assertThat(shifts).hasSizeGreaterThanOrEqualTo(5);
        assertThat(shifts.stream().mapToInt(d -> d.get(0)).distinct().count()).isGreaterThan(1);
        assertThat(shifts.stream().mapToInt(d -> d.get(1)).distinct().count()).isGreaterThan(1);
    }

    @Test
    void sameSeedSameBatchesAndEpochsDiffer() {
        Augmentation all = new Augmentation(4, true, 8);
        float[] a = augmented(all, 5).next().getFeatures().data().asFloat();
        assertThat(augmented(all, 5).next().getFeatures().data().asFloat()).containsExactly(a);
        assertThat(augmented(all, 6).next().getFeatures().data().asFloat()).isNotEqualTo(a);

        ImageDatasetIterator it = augmented(all, 5);
        while (it.hasNext()) {
            it.next();
        }
        it.reset();
        float[] secondEpoch = it.next().getFeatures().data().asFloat();
        assertThat(secondEpoch).isNotEqualTo(a);

        ImageDatasetIterator resumed = augmented(all, 5);
        resumed.setEpoch(1);
        assertThat(resumed.next().getFeatures().data().asFloat()).as("resuming at epoch 1 replays it")
                .containsExactly(secondEpoch);
    }

    @Test
    void cutoutZeroesASquare() {
        INDArray original = plain(Normalization.SCALE_01, CNN2DFormat.NCHW).next().getFeatures();
        INDArray x = augmented(new Augmentation(0, false, 8), 9).next().getFeatures();
        for (int i = 0; i < 8; i++) {
            INDArray changed = x.slice(i).neq(original.slice(i));
            assertThat(x.slice(i).mul(changed.castTo(x.dataType())).sumNumber().doubleValue()).isZero();
            // an 8x8 square, clipped at the border to at least 4x4, in all 3 channels (less any pixel already 0)
            long count = changed.castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
            assertThat(count).as("image %d", i).isBetween(3L * 4 * 4 - 10, 3L * 8 * 8);
        }
    }

    @Test
    void cutoutPaintsTheMeanColourWhichNormalisesToZero() {
        INDArray original = plain(Normalization.CIFAR10, CNN2DFormat.NCHW).next().getFeatures();
        Augmentation cutout = new Augmentation(0, false, 8);
        INDArray x = ImageDatasetIterator.builder(records, 32, 32).batchSize(8).normalization(Normalization.CIFAR10)
                .transform(cutout.transform(32, 32, Normalization.CIFAR10)).seed(9).build().next().getFeatures();
        INDArray changed = x.neq(original).castTo(x.dataType());
        assertThat(changed.sumNumber().doubleValue()).isGreaterThan(8 * 3 * 4 * 4 - 80);
        // the mean to a byte's precision: within half a grey level of 0 after dividing by the std (about 0.25)
        assertThat(Math.abs(x.mul(changed).maxNumber().doubleValue())).isLessThan(0.5 / 255 / 0.24);
        assertThat(Math.abs(x.mul(changed).minNumber().doubleValue())).isLessThan(0.5 / 255 / 0.24);
    }

    /**
     * The standard recipe's batches are those of the previous version's fused CIFAR iterator (ad46d2b), bit for bit,
     * so that a run resumed from an older checkpoint sees the data an uninterrupted one would have. The hashes were
     * computed by that version over the raw buffers of batches 1-5 of epoch 3 of the embedded sample.
     */
    @Test
    void standardRecipeBatchesAreThoseOfThePreviousVersion() {
        CifarRecords sample = CifarSample.records();
        for (CNN2DFormat format : CNN2DFormat.values()) {
            ImageDatasetIterator it = ImageDatasetIterator.builder(sample, 32, 32).batchSize(128).shuffle(true)
                    .normalization(Normalization.CIFAR10).dataFormat(format).seed(42)
                    .transform(Augmentation.STANDARD.transform(32, 32, Normalization.CIFAR10)).build();
            it.setEpoch(3);
            long hash = 0;
            for (int b = 0; b < 5; b++) {
                DataSet batch = it.next();
                for (float v : batch.getFeatures().data().asFloat()) {
                    hash = hash * 31 + Float.floatToRawIntBits(v);
                }
                for (float v : batch.getLabels().data().asFloat()) {
                    hash = hash * 31 + Float.floatToRawIntBits(v);
                }
            }
            assertThat(hash).as("%s", format).isEqualTo(format == CNN2DFormat.NCHW ? 6457920740490280163L
                    : 44839329780659007L);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> ImageDatasetIterator.builder(records, 32, 32).batchSize(0))
                .hasMessageContaining("batch size");
        assertThatThrownBy(() -> new Augmentation(-1, false, 0)).hasMessageContaining("crop padding");
        Augmentation wide = new Augmentation(40, false, 0); // fine for large images, not for CIFAR-10's 32 pixels
        assertThatThrownBy(() -> wide.transform(32, 32, Normalization.CIFAR10))
                .hasMessageContaining("at most the image side (32), got 40 and 0");
        BufferedImage photo = new BufferedImage(120, 100, BufferedImage.TYPE_INT_RGB);
        assertThat(wide.transform(96, 96, Normalization.CIFAR10).apply(photo, new SplittableRandom(1)).getWidth())
                .as("a random resized crop at 96 pixels").isEqualTo(96);
    }

    private ImageDatasetIterator plain(Normalization normalization, CNN2DFormat format) {
        return ImageDatasetIterator.builder(records, 32, 32).batchSize(8).normalization(normalization)
                .dataFormat(format).build();
    }

    private ImageDatasetIterator augmented(Augmentation augmentation, long seed) {
        return ImageDatasetIterator.builder(records, 32, 32).batchSize(8).normalization(Normalization.SCALE_01)
                .transform(augmentation.transform(32, 32, Normalization.SCALE_01)).seed(seed).build();
    }

    /** The shift (dy, dx) with |d| <= 4 that turns {@code original} into {@code shifted}, black outside, or null. */
    private static int[] findShift(INDArray original, INDArray shifted) {
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                boolean match = true;
                for (int c = 0; c < 3 && match; c++) {
                    for (int y = 0; y < 32 && match; y++) {
                        for (int x = 0; x < 32 && match; x++) {
                            int sy = y + dy;
                            int sx = x + dx;
                            float expected = sy >= 0 && sy < 32 && sx >= 0 && sx < 32 ? original.getFloat(c, sy, sx) : 0f;
                            match = shifted.getFloat(c, y, x) == expected;
                        }
                    }
                }
                if (match) {
                    return new int[]{dy, dx};
                }
            }
        }
        return null;
    }
}
