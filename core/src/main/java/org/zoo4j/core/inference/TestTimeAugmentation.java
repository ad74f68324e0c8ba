package org.zoo4j.core.inference;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-time augmentation: a model's predictions averaged over transformed copies of each batch. {@code FLIP} averages
 * the softmax of the images and of their mirror images (left-right), the CIFAR convention of Zagoruyko and Komodakis
 * 2016 and timm's {@code --tta}; it costs a second forward pass.
 */
public enum TestTimeAugmentation {
    NONE,
    FLIP;

    /** {@code model} evaluated with this augmentation on batches in {@code layout}. */
    public Inference apply(Inference model, CNN2DFormat layout) {
        if (this == NONE) {
            return model;
        }
        int width = layout == CNN2DFormat.NCHW ? 3 : 2;
        return new Inference() {
            @Override
            public INDArray output(INDArray features) {
                INDArray mirrored = Nd4j.exec(new Reverse(features, width))[0];
                return model.output(features).add(model.output(mirrored)).muli(0.5);
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }
}
