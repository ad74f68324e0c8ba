package org.zoo4j.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's bad input, run through the real launcher: the message reaches stderr as one line (with items where
 * it lists them), nothing goes to stdout, the exit code is the README's (1 failure, 2 usage error), and nothing is
 * written into the working directory.
 */
class CliErrorsIT {

    @TempDir
    static Path files;

    @TempDir
    Path work;

    /** Hand-made checkpoints (tools/fixtures/make_hostile_pth.py): the first crashed the JVM, the second took 17 GB. */
    static final Path HOSTILE = Launcher.ROOT.resolve("src/test/resources/hostile");

    static final Path SHIPPED = Launcher.ROOT.resolve("weights/src/main/resources/org/zoo4j/weights/resnet20.cifar10.zip");

    @BeforeAll
    static void writeBadFiles() throws IOException {
        Files.write(files.resolve("bad.zip"), new byte[]{'P', 'K', 3, 4, 'j', 'u', 'n', 'k'});
        Files.writeString(files.resolve("notimage.png"), "hello");
        byte[] shipped = Files.readAllBytes(SHIPPED);
        Files.write(files.resolve("truncated.zip"), java.util.Arrays.copyOf(shipped, shipped.length / 2));
        Files.writeString(files.resolve("weights.npz"), "not a zip");
        writeBomb(files.resolve("bomb.zip"));
        // an .npy header claiming a billion floats over four bytes of data
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 3, 32, 32), }";
        Files.write(files.resolve("lying.npy"), ("\u0093NUMPY\u0001\u0000" + (char) header.length() + "\u0000" + header
                + "\u0000\u0000\u0000\u0000").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "zoo4j {0}")
    @CsvSource(delimiter = '|', textBlock = """
            eval none.zip                                       | 1 | none.zip: no model file here
            eval FILES/bad.zip                                  | 1 | bad.zip is not a readable DL4J model file
            eval FILES/truncated.zip                            | 1 | truncated.zip is not a readable DL4J model file
            eval resnet20.cifar10 --tta mirror                  | 1 | --tta takes one of [none, flip], got 'mirror'
            train resnet20 --label-smoothing 1                  | 1 | --label-smoothing must be in [0, 1), got 1.0
            train resnet20 --ema 1                              | 1 | --ema must be 0 (none) or in (0, 1), got 1.0
            train resnet20 --ema 0.999 --spark local[2]         | 1 | --ema trains without --spark
            train resnet20 --epochs -3                          | 1 | --epochs must be >= 1, got -3
            train resnet20 --val-split half                     | 1 | --val-split is 0 (none: evaluate on the test split), a fraction
            train resnet20 --best-by speed                      | 1 | --best-by 'speed' is unknown; known: [train_loss, val_loss, val_accuracy]
            eval resnet20.cifar10 --engine tvm                  | 1 | --engine 'tvm' is not an engine on the class path; there are [dl4j, onnxruntime]
            train resnet9000                                    | 1 | Unknown model 'resnet9000'. Known models: vgg13
            train resnet20 --data /nonexistent                  | 1 | /nonexistent: no CIFAR-10 data here
            train resnet20 --resume                             | 1 | --resume
            predict FILES/bad.zip FILES/notimage.png            | 1 | bad.zip is not a readable DL4J model file
            predict resnet20.cifar10 FILES/notimage.png         | 1 | notimage.png: not a PNG, JPEG, BMP or GIF image
            summary nosuch                                      | 1 | Unknown model 'nosuch'
            import-torch resnet20 FILES/weights.npz --out o.zip | 1 | weights.npz
            import-torch resnet20 missing.npz --out o.zip       | 1 | missing.npz: no weights file here
            import-torch resnet20 HOSTILE/overflow.pth --out o.zip | 1 | tensor 'w': strides [4611686018427387904, 4611686018427387904] reach past any storage
            import-torch resnet20 HOSTILE/zeros.pth --out o.zip | 1 | its tensors would take more than
            import-keras vgg13 missing.h5 --out o.zip           | 1 | missing.h5: no Keras .h5 file here
            export-onnx none.zip --out o.onnx                   | 1 | none.zip: no model file here
            pack-weights FILES/bad.zip --tag r.x --provenance p --test FILES | 1 | bad.zip is not a readable DL4J model file
            infer resnet20.cifar10 --input none.npy --output o.npy | 1 | none.npy: no input .npy here
            infer resnet20.cifar10 --input FILES/lying.npy --output o.npy | 1 | lying.npy is not a readable .npy array (it has 4 bytes of data for its shape [100000, 3, 32, 32]
            bench resnet9000                                    | 1 | Unknown model 'resnet9000'
            bench-data --data /nonexistent                      | 1 | /nonexistent: no CIFAR-10 data here
            download nosuch --dir d                             | 2 | expected one of [cifar10] (case-sensitive) but was 'nosuch'
            list --bogus                                        | 2 | Unknown option: '--bogus'
            convdemo --bogus                                    | 2 | Unknown option: '--bogus'
            help nosuch                                         | 2 | Unknown subcommand 'nosuch'
            nosuchcommand                                       | 2 | Unmatched argument at index 0: 'nosuchcommand'
            """)
    void badInputIsReportedOnStderrAndExitsNonZero(String command, int exitCode, String message) throws Exception {
        String[] args = command.replace("FILES", files.toString()).replace("HOSTILE", HOSTILE.toString()).split(" +");
        Launcher.Result run = Launcher.run(work, 120, args);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
        assertThat(run.err()).as(run.toString()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).as(run.toString()).isEmpty();
        if (exitCode == 1) {
            assertThat(run.err().lines()).as(run.toString()).anyMatch(l -> l.startsWith("zoo4j: ") && l.contains(message));
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).as("written by a failed command").isEmpty();
        }
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Launcher.Result run = Launcher.run(work, 120, "eval", "none.zip", "--verbose");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("NoSuchFileException").contains("\tat ");
    }

    @Test
    void aModelFileCarryingASerializedObjectGraphIsRefused() throws Exception {
        Launcher.Result run = Launcher.run(work, 60, "eval", files.resolve("bomb.zip").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("bomb.zip is not a readable DL4J model file")
                .contains("holds a serialized object, not text; zoo4j reads no objects");
        // the whole process, JVM and ND4J start included; the refusal itself is timed in UntrustedModelFileTest
        assertThat(run.seconds()).isLessThan(30);
    }

    /**
     * The shipped weights with their card replaced by a Java-serialized object graph where zoo4j 0.1 kept a serialized
     * string (the nested-set bomb that would spin forever is the unit test's, UntrustedModelFileTest).
     */
    private static void writeBomb(Path target) throws IOException {
        try (ZipFile in = new ZipFile(SHIPPED.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e : in.stream().filter(e -> !e.getName().endsWith("zoo4j-card.json")).toList()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
            }
            out.putNextEntry(new ZipEntry("objects/zoo4j-card.json"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(new java.util.ArrayList<>(List.of("an", "object", "graph")));
            }
            out.write(bytes.toByteArray());
        }
    }
}
