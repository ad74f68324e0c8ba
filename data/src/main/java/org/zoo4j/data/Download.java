package org.zoo4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * An explicit, resumable, verified download: bytes go to {@code NAME.part} (continued with an HTTP Range request
 * when a previous attempt left one), and only a file whose MD5 matches is renamed to {@code NAME}. Never called
 * implicitly by the readers.
 */
public final class Download {

    /** The official CIFAR-10 binary archive and the MD5 its authors publish for it. */
    public static final URI CIFAR10_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    public static final String CIFAR10_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String CIFAR10_FILE = "cifar-10-binary.tar.gz";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * Fetches {@code url} into {@code dir/fileName}, verified against {@code md5}. An existing verified file is kept
     * as is.
     *
     * @param progress receives the number of bytes present so far after each chunk
     * @return the verified file
     * @throws ChecksumMismatchException when the finished download does not match; the bad bytes are removed so the
     *                                   next attempt starts afresh
     */
    public Path fetch(URI url, Path dir, String fileName, String md5, LongConsumer progress)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName);
        if (Files.exists(target) && md5(target).equalsIgnoreCase(md5)) {
            return target;
        }
        Path part = dir.resolve(fileName + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        boolean append = have > 0 && status == 206;
        if (status != 200 && status != 206) {
            response.body().close();
            throw new IOException(url + " answered HTTP " + status + "; check the URL or try again later");
        }
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            long total = append ? have : 0;
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                total += n;
                progress.accept(total);
            }
        }
        String actual = md5(part);
        if (!actual.equalsIgnoreCase(md5)) {
            Files.delete(part);
            throw new ChecksumMismatchException(url + ": downloaded file has MD5 " + actual + ", expected " + md5
                    + "; removed it, run the download again (or check the URL and the expected checksum)");
        }
        return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The finished download did not match its checksum. */
    public static final class ChecksumMismatchException extends IOException {
        public ChecksumMismatchException(String message) {
            super(message);
        }
    }

    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
