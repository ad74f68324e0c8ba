package org.zoo4j.data;

import org.zoo4j.core.Normalization;
import org.zoo4j.core.Images;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Minibatches from an {@link ImageFolder}, decoded as they are needed, with torchvision's conventions. Training, for
 * inputs of 64 pixels or more: random resized crop (8-100% of the area, aspect 3/4-4/3) and horizontal flip; for
 * smaller (CIFAR-sized) inputs: fitted, then a random crop of the zero-padded image and flip, as for CIFAR-10.
 * Evaluation: shorter side resized and centre crop. Epochs are reproducible like {@link CifarIterator}'s: order and
 * augmentation depend only on the seed, the epoch and the position. DL4J's {@code fit} prefetches batches on a
 * background thread.
 */
public final class ImageFolderIterator extends SeededEpochIterator {

    /** Inputs below this side are treated as CIFAR-sized (pad-crop instead of random resized crop). */
    static final int SMALL = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderIterator.class);

    private final ImageFolder folder;
    private final int height;
    private final int width;
    private final boolean augment;
    private final boolean skipBad;
    private final CNN2DFormat format;
    private final float[][] table;

    private ImageFolderIterator(Builder b) {
        super(b.folder.size(), b.batchSize, b.shuffle, b.seed, b.folder.source());
        this.folder = b.folder;
        this.height = b.height;
        this.width = b.width;
        this.augment = b.augment;
        this.skipBad = b.skipBad;
        this.format = b.format;
        this.table = b.normalization.table();
    }

    private ImageFolderIterator(ImageFolderIterator other) {
        super(other);
        this.folder = other.folder;
        this.height = other.height;
        this.width = other.width;
        this.augment = other.augment;
        this.skipBad = other.skipBad;
        this.format = other.format;
        this.table = other.table;
    }

    @Override
    public ImageFolderIterator copy() {
        return new ImageFolderIterator(this);
    }

    public static Builder builder(ImageFolder folder, int height, int width) {
        return new Builder(folder, height, width);
    }

    /**
     * @throws IllegalStateException naming the file when an image cannot be decoded (unless bad files are skipped:
     *                               then it is logged and the batch is one image shorter)
     */
    @Override
    DataSet batch(int[] items, SplittableRandom[] randoms) {
        List<BufferedImage> images = new ArrayList<>(items.length);
        List<Integer> labels = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            ImageFolder.Entry entry = folder.entries().get(items[i]);
            BufferedImage image = decode(entry);
            if (image != null) {
                images.add(transform(image, randoms[i]));
                labels.add(entry.label());
            }
        }
        int classes = folder.classes().size();
        float[] features = new float[images.size() * Images.CHANNELS * height * width];
        float[] oneHot = new float[images.size() * classes];
        for (int i = 0; i < images.size(); i++) {
            Images.write(images.get(i), features, i, table, format);
            oneHot[i * classes + labels.get(i)] = 1f;
        }
        long[] shape = format == CNN2DFormat.NCHW ? new long[]{images.size(), Images.CHANNELS, height, width}
                : new long[]{images.size(), height, width, Images.CHANNELS};
        return new DataSet(Nd4j.create(features, shape, 'c'), Nd4j.create(oneHot, new long[]{images.size(), classes},
                'c'));
    }

    private BufferedImage decode(ImageFolder.Entry entry) {
        try {
            return Images.read(entry.file());
        } catch (IOException | RuntimeException e) {
            if (!skipBad) {
                throw new IllegalStateException(entry.file() + " cannot be decoded: " + e.getMessage(), e);
            }
            LOG.warn("skipping {}: {}", entry.file(), e.getMessage());
            return null;
        }
    }

    /** The image at the model's input size, augmented when training. */
    private BufferedImage transform(BufferedImage image, SplittableRandom random) {
        if (!augment) {
            return Images.fit(image, height, width);
        }
        boolean flip = random.nextBoolean();
        if (Math.min(height, width) < SMALL) {
            BufferedImage fitted = Images.fit(image, height, width);
            int pad = 4;
            int dx = random.nextInt(2 * pad + 1) - pad;
            int dy = random.nextInt(2 * pad + 1) - pad;
            return draw(fitted, 0, 0, fitted.getWidth(), fitted.getHeight(), -dx, -dy, flip);
        }
        double area = image.getWidth() * (double) image.getHeight();
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (0.08 + 0.92 * random.nextDouble());
            double ratio = Math.exp(Math.log(3.0 / 4) + (Math.log(4.0 / 3) - Math.log(3.0 / 4)) * random.nextDouble());
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= image.getWidth() && h <= image.getHeight()) {
                int x = random.nextInt(image.getWidth() - w + 1);
                int y = random.nextInt(image.getHeight() - h + 1);
                return draw(image, x, y, w, h, 0, 0, flip);
            }
        }
        return draw(Images.fit(image, height, width), 0, 0, width, height, 0, 0, flip);
    }

    /** The source region scaled to the input size (bilinear), shifted and mirrored as asked; outside is black. */
    private BufferedImage draw(BufferedImage source, int x, int y, int w, int h, int shiftX, int shiftY,
                               boolean flip) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int left = shiftX;
        int right = shiftX + width;
        g.drawImage(source, flip ? right : left, shiftY, flip ? left : right, shiftY + height, x, y, x + w, y + h, null);
        g.dispose();
        return out;
    }

    @Override
    public int inputColumns() {
        return Images.CHANNELS * height * width;
    }

    @Override
    public int totalOutcomes() {
        return folder.classes().size();
    }

    @Override
    public List<String> getLabels() {
        return folder.classes();
    }

    /** Settings; defaults: batch 64, no augmentation, in order, seed 42, NCHW, ImageNet normalisation. */
    public static final class Builder extends SeededEpochIterator.Builder<Builder> {
        private final ImageFolder folder;
        private final int height;
        private final int width;
        private boolean augment;
        private boolean shuffle;
        private boolean skipBad;

        private Builder(ImageFolder folder, int height, int width) {
            super(64, Normalization.IMAGENET);
            this.folder = Objects.requireNonNull(folder, "folder");
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("input size must be positive, got " + height + "x" + width);
            }
            this.height = height;
            this.width = width;
        }

        /** Training: shuffled each epoch and augmented (see the class). */
        public Builder training(boolean training) {
            this.augment = training;
            this.shuffle = training;
            return this;
        }

        /** Skip (and log) images that fail to decode instead of failing. */
        public Builder skipBad(boolean skip) {
            this.skipBad = skip;
            return this;
        }

        public ImageFolderIterator build() {
            return new ImageFolderIterator(this);
        }
    }
}
