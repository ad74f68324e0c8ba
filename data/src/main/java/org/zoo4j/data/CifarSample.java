package org.zoo4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The 2,500-image CIFAR-10 sample shipped in this module (250 per class from data_batch_1; see
 * cifar10-sample.README.txt beside it), so demos run with no download and no data directory.
 */
public final class CifarSample {

    static final String RESOURCE = "/org/zoo4j/data/cifar10-sample.bin.gz";
    public static final String DESCRIPTION = "the embedded 2,500-image CIFAR-10 sample";

    private CifarSample() {
    }

    public static CifarRecords records() {
        try (InputStream in = CifarSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: rebuild zoo4j-data");
            }
            return CifarReader.readStream(DESCRIPTION, new GZIPInputStream(in), Cifar10.CLASS_NAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DESCRIPTION, e);
        }
    }
}
