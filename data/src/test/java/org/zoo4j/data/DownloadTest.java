package org.zoo4j.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads from a server on 127.0.0.1 that serves an archive the test builds, honouring Range requests. */
class DownloadTest {

    @TempDir
    Path tmp;
    private HttpServer server;
    private byte[] served;
    private final List<String> ranges = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cifar.tar.gz", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.sendResponseHeaders(range == null ? 200 : 206, served.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(served, from, served.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsVerifiesAndTheResultReads() throws Exception {
        served = archiveBytes();
        List<Long> progress = new ArrayList<>();
        Path file = new Download().fetch(url(), tmp.resolve("data"), "cifar.tar.gz", md5(served), progress::add);

        assertThat(Files.readAllBytes(file)).isEqualTo(served);
        assertThat(progress).last().isEqualTo((long) served.length);
        assertThat(CifarReader.read(file, Cifar10.Split.TRAIN).size()).isEqualTo(10);
        assertThat(tmp.resolve("data/cifar.tar.gz.part")).doesNotExist();
    }

    @Test
    void resumesFromAPartialFile() throws Exception {
        served = archiveBytes();
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.write(dir.resolve("cifar.tar.gz.part"), Arrays.copyOf(served, served.length / 3));

        Path file = new Download().fetch(url(), dir, "cifar.tar.gz", md5(served), n -> { });

        assertThat(ranges).containsExactly("bytes=" + served.length / 3 + "-");
        assertThat(Files.readAllBytes(file)).isEqualTo(served);
    }

    @Test
    void checksumMismatchKeepsNothing() throws Exception {
        served = archiveBytes();
        String expected = md5(served);
        served[served.length / 2] ^= 1;
        Path dir = tmp.resolve("data");
        assertThatThrownBy(() -> new Download().fetch(url(), dir, "cifar.tar.gz", expected, n -> { }))
                .isInstanceOf(Download.ChecksumMismatchException.class).hasMessageContaining("expected " + expected);
        assertThat(dir.resolve("cifar.tar.gz")).doesNotExist();
        assertThat(dir.resolve("cifar.tar.gz.part")).doesNotExist();
    }

    @Test
    void aVerifiedFileIsNotFetchedAgain() throws Exception {
        served = archiveBytes();
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.write(dir.resolve("cifar.tar.gz"), served);
        new Download().fetch(url(), dir, "cifar.tar.gz", md5(served), n -> { });
        assertThat(ranges).isEmpty();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar.tar.gz");
    }

    private byte[] archiveBytes() throws IOException {
        Path archive = CifarFiles.archive(CifarFiles.directory(tmp, 2), tmp.resolve("source.tar.gz"));
        return Files.readAllBytes(archive);
    }

    private static String md5(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
    }
}
