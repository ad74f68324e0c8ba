package org.zoo4j.data;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class CifarSampleTest {

    @Test
    void shipsTheDocumentedRecords() throws Exception {
        CifarRecords sample = CifarSample.records();
        assertThat(sample.size()).isEqualTo(2500);
        assertThat(sample.classCounts()).containsOnly(250);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < sample.size(); i++) {
            sha.update((byte) sample.label(i));
            sha.update(sample.pixels(i));
        }
        assertThat(java.util.HexFormat.of().formatHex(sha.digest()))
                .as("sha256 in cifar10-sample.README.txt")
                .isEqualTo("f15f8c7c55c8384e49b2a6d260953684748b006477f836eb07631a5389cb85cd");
    }
}
