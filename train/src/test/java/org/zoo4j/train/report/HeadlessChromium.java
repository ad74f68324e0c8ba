package org.zoo4j.train.report;

import org.zoo4j.layers.testing.Requirement;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven from tests: the DOM after the page's scripts ran, and screenshots (kept in
 * {@code target/screenshots} as test artifacts). Tests that need it skip, saying why, where no browser is installed
 * ({@code apt-get install chromium}; or set ZOO4J_CHROMIUM to a Chrome/Chromium binary).
 */
public final class HeadlessChromium {

    private static final Pattern SERIES = Pattern.compile("<path[^>]*data-series=\"([^\"]*)\"[^>]*data-points=\"(\\d+)\"");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or the calling test is skipped with the reason. */
    public static HeadlessChromium require() {
        Optional<Path> found = find();
        Requirement.assume("chromium", found.isPresent(), () -> "no Chromium on this machine (apt-get install "
                + "chromium, or set ZOO4J_CHROMIUM)");
        return new HeadlessChromium(found.get());
    }

    static Optional<Path> find() {
        String configured = System.getenv("ZOO4J_CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                        .map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /** The DOM once the page's scripts had {@code budgetMillis} of (virtual) time. */
    public String dom(String url, int budgetMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url));
    }

    /** A PNG of the page at the given window size, under target/screenshots. */
    public Path screenshot(String url, String name, int width, int height) throws IOException, InterruptedException {
        Path png = Path.of("target", "screenshots", name).toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(List.of("--virtual-time-budget=3000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png, url));
        return png;
    }

    /** Chart series drawn in {@code dom}: name and number of points, in page order. */
    public static List<String[]> series(String dom) {
        List<String[]> out = new ArrayList<>();
        Matcher m = SERIES.matcher(dom);
        while (m.find()) {
            out.add(new String[]{m.group(1), m.group(2)});
        }
        return out;
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("zoo4j-chromium");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(args);
        Path log = Files.createTempFile("zoo4j-chromium", ".log");
        Process chromium = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(chromium.getInputStream().readAllBytes());
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IOException("Chromium did not finish within 90 s: " + command);
        }
        if (chromium.exitValue() != 0) {
            throw new IOException("Chromium failed (" + chromium.exitValue() + "): " + Files.readString(log));
        }
        return out;
    }
}
