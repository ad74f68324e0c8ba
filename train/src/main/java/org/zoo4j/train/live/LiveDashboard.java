package org.zoo4j.train.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.train.EpochMetrics;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.report.Html;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A live page of a training run, served on 127.0.0.1 only (the JDK's HTTP server; the page polls a JSON document
 * once a second): loss, learning rate and speed per step, validation loss and accuracy per epoch, and each layer's
 * update:parameter ratio (log10 of |update| / |parameters| over the layer's trainable parameters, sampled every
 * {@value #RATIO_EVERY} steps from DL4J's gradient view, which holds the applied update after a step; around -3 is
 * the usual healthy value). Add it as a listener of the trainer; {@link #close()} stops the server.
 */
public final class LiveDashboard implements TrainerListener, AutoCloseable {

    static final int RATIO_EVERY = 10;
    /** BatchNorm's running statistics are state, not trained by the update. */
    private static final Set<String> NOT_TRAINED = Set.of("mean", "var", "log10stdev");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String page;
    private final List<double[]> steps = new ArrayList<>();
    private final List<Integer> epochEndSteps = new ArrayList<>();
    private List<EpochMetrics> history = List.of();
    private List<Map<String, Object>> ratios = List.of();
    private String status = "starting";
    private int epoch;
    private int epochs;
    private int stepsPerEpoch;
    private long lastStepNanos;

    private LiveDashboard(HttpServer server, String title) {
        this.server = server;
        this.page = Html.page(title, "<h1>" + Html.escape(title) + "</h1>\n<p class=\"sub\">live · <span "
                + "class=\"status\" id=\"status\">connecting</span></p>\n<div class=\"charts\"><div id=\"loss\"></div>"
                + "<div id=\"accuracy\"></div><div id=\"rate\"></div><div id=\"speed\"></div></div>\n"
                + "<h2>Update:parameter ratio per layer</h2>\n<p class=\"sub\">log10(|update| / |parameters|) of the "
                + "latest sample (every " + RATIO_EVERY + " steps); red outside -4..-2</p>\n<div id=\"ratios\"></div>\n",
                Html.resource(LiveDashboard.class, "live.js"));
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zoo4j-live-page");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::serve);
        server.setExecutor(executor);
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port 0 for any free port
     * @throws IllegalArgumentException when the port is taken, refused or out of range; nothing was started
     */
    public static LiveDashboard start(int port, String title) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0: any free port), got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot serve the live page on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "): choose another port, or 0 for any free one", e);
        }
        LiveDashboard dashboard = new LiveDashboard(server, title);
        server.start();
        return dashboard;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public synchronized void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.status = "epoch " + epoch + " of " + epochs;
        this.lastStepNanos = System.nanoTime();
    }

    @Override
    public void stepFinished(ComputationGraph net, int step, double loss, int images) {
        long now = System.nanoTime();
        boolean sample = steps.size() % RATIO_EVERY == 0;
        List<Map<String, Object>> sampled = sample ? updateRatios(net) : null;
        Double lr = net.getLearningRate(net.getConfiguration().getNetworkOutputs().get(0));
        synchronized (this) {
            double seconds = (now - lastStepNanos) / 1e9;
            lastStepNanos = now;
            steps.add(new double[]{steps.size() + 1, loss, lr == null ? Double.NaN : lr, images / seconds});
            status = "epoch " + epoch + " of " + epochs + ", step " + step
                    + (stepsPerEpoch > 0 ? " of " + stepsPerEpoch : "");
            if (sampled != null) {
                ratios = sampled;
            }
        }
    }

    @Override
    public synchronized void epochFinished(ComputationGraph net, TrainingState state) {
        history = state.history();
        epochEndSteps.add(steps.size());
    }

    @Override
    public synchronized void stopped(ComputationGraph net, TrainingState state) {
        status = "stopped in epoch " + epoch + " (resumable)";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Per layer: log10(|update| / |parameters|) over its trainable parameters, in the network's order. */
    static List<Map<String, Object>> updateRatios(ComputationGraph net) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : net.gradient().gradientForVariable().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('_');
            if (cut < 0 || NOT_TRAINED.contains(key.substring(cut + 1))) {
                continue;
            }
            double update = e.getValue().norm2Number().doubleValue();
            double param = net.getParam(key).norm2Number().doubleValue();
            double[] sum = sums.computeIfAbsent(key.substring(0, cut), k -> new double[2]);
            sum[0] += update * update;
            sum[1] += param * param;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        sums.forEach((layer, s) -> {
            if (s[0] > 0 && s[1] > 0) {
                out.add(Map.of("name", layer, "value", 0.5 * Math.log10(s[0] / s[1])));
            }
        });
        return out;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                // a page elsewhere that makes its own name resolve to 127.0.0.1 (DNS rebinding) would send its name
                send(exchange, 403, "text/plain; charset=utf-8", "this page answers to 127.0.0.1 and localhost only");
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else if (path.equals("/metrics")) {
                send(exchange, 200, "application/json", metrics(since(query)));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path);
            }
        }
    }

    /** Whether a request's Host header names this machine's loopback (with or without the port). */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private synchronized String metrics(int since) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", status);
        doc.put("total", steps.size());
        doc.put("steps", steps.subList(Math.min(since, steps.size()), steps.size()));
        doc.put("epochEndSteps", epochEndSteps);
        doc.put("history", history);
        doc.put("ratios", ratios);
        return Html.json(doc);
    }

    private static int since(String query) {
        if (query != null && query.startsWith("since=")) {
            try {
                return Math.max(0, Integer.parseInt(query.substring(6)));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
