package org.zoo4j.train;

import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The training and validation records of a run, as its options define them. */
public record RunData(CifarRecords train, CifarRecords validation, String validationName) {

    /** Reads the data the options name (the embedded sample when none, said on {@code log}). */
    public static RunData load(TrainingOptions o, PrintWriter log) throws IOException {
        CifarRecords all = trainRecords(o.data(), o.limit(), log);
        CifarRecords.Partition partition = ValidationSplit.apply(o.validation(), all, o.seed());
        if (partition != null) {
            return new RunData(partition.train(), partition.validation(), "validation");
        }
        if (o.data() == null) {
            throw new IllegalArgumentException("the embedded sample has no test split: hold out validation records "
                    + "with --val-split (e.g. 0.1) or give --data");
        }
        return new RunData(all, CifarReader.read(Path.of(o.data()), Cifar10.Split.TEST), "test");
    }

    /**
     * The training records at {@code data} (the embedded sample when null, said on {@code log}), the first
     * {@code limit} of them when {@code limit > 0}.
     */
    public static CifarRecords trainRecords(String data, int limit, PrintWriter log) throws IOException {
        CifarRecords all;
        if (data == null) {
            log.println("zoo4j: no --data given, using " + CifarSample.DESCRIPTION);
            log.flush();
            all = CifarSample.records();
        } else {
            all = CifarReader.read(Path.of(data), Cifar10.Split.TRAIN);
        }
        return limit > 0 ? all.limit(limit) : all;
    }

    public CifarIterator trainIterator(TrainingOptions o) {
        return CifarIterator.builder(train).batchSize(o.batch()).normalization(o.normalization())
                .augmentation(o.augmentation()).shuffle(true).seed(o.seed()).dataFormat(o.format()).build();
    }

    public CifarIterator validationIterator(TrainingOptions o) {
        return iterator(validation, o);
    }

    /** Evaluation order and preprocessing: no shuffle, no augmentation, the run's normalisation. */
    public static CifarIterator iterator(CifarRecords records, TrainingOptions o) {
        return CifarIterator.builder(records).batchSize(o.batch()).normalization(o.normalization())
                .augmentation(Augmentation.NONE).shuffle(false).dataFormat(o.format()).build();
    }
}
