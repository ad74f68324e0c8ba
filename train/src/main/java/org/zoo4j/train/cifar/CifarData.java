package org.zoo4j.train.cifar;

import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/** The training and validation records of a CIFAR-10 run, as its settings define them, and their iterators. */
public record CifarData(CifarRecords train, CifarRecords validation, String validationName) {

    private static final Logger LOG = LoggerFactory.getLogger(CifarData.class);

    /**
     * Reads the data the settings name (the embedded sample when none, logged).
     *
     * @throws IllegalArgumentException when the settings ask for a test split the embedded sample does not have
     */
    public static CifarData load(CifarRunSettings s) throws IOException {
        CifarRecords all = trainRecords(s.data(), s.limit());
        CifarRecords.Partition partition = ValidationSplit.apply(s.validation(), all, s.hyperparameters().seed());
        if (partition != null) {
            return new CifarData(partition.train(), partition.validation(), "validation");
        }
        if (s.data() == null) {
            throw new IllegalArgumentException("the embedded sample has no test split: hold out validation records "
                    + "(a validation split such as 0.1), or give the CIFAR-10 data");
        }
        return new CifarData(all, CifarReader.read(Path.of(s.data()), Cifar10.Split.TEST), "test");
    }

    /** The training records at {@code data} (the embedded sample when null), the first {@code limit} when > 0. */
    public static CifarRecords trainRecords(String data, int limit) throws IOException {
        CifarRecords all;
        if (data == null) {
            LOG.info("no data location given, using {}", CifarSample.DESCRIPTION);
            all = CifarSample.records();
        } else {
            all = CifarReader.read(Path.of(data), Cifar10.Split.TRAIN);
        }
        return limit > 0 ? all.limit(limit) : all;
    }

    public CifarIterator trainIterator(CifarRunSettings s) {
        return CifarIterator.builder(train).batchSize(s.hyperparameters().batchSize()).normalization(s.normalization())
                .augmentation(s.augmentation()).shuffle(true).seed(s.hyperparameters().seed()).dataFormat(s.format())
                .build();
    }

    public CifarIterator validationIterator(CifarRunSettings s) {
        return iterator(validation, s);
    }

    /** Evaluation order and preprocessing: no shuffle, no augmentation, the run's normalisation and layout. */
    public static CifarIterator iterator(CifarRecords records, CifarRunSettings s) {
        return evaluationIterator(records, s.hyperparameters().batchSize(), s.normalization(), s.format());
    }

    /** Records as a model with this preprocessing and layout takes them, in order, without augmentation. */
    public static CifarIterator evaluationIterator(CifarRecords records, int batchSize,
                                                   org.zoo4j.data.Normalization normalization,
                                                   org.deeplearning4j.nn.conf.CNN2DFormat format) {
        return CifarIterator.builder(records).batchSize(batchSize).normalization(normalization)
                .augmentation(Augmentation.NONE).shuffle(false).dataFormat(format).build();
    }
}
