package org.zoo4j.train.live;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.train.InMemoryData;
import org.zoo4j.train.TinyNets;
import org.zoo4j.train.Trainer;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LiveDashboardTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesLoopbackOnlyAndATakenPortIsRefusedBeforeAnythingStarts() throws Exception {
        try (LiveDashboard live = LiveDashboard.start(0, "test")) {
            int port = live.uri().getPort();
            assertThat(live.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(InetAddress.getByName(live.uri().getHost()).isLoopbackAddress()).isTrue();
            assertThatThrownBy(() -> LiveDashboard.start(port, "second"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot serve the live page on 127.0.0.1:" + port)
                    .hasMessageContaining("choose another port");
            assertThat(get(live.uri().resolve("/nothing")).statusCode()).isEqualTo(404);
            assertThat(get(live.uri()).body()).contains("Zoo4jCharts").contains("metrics?since=");
        }
        assertThatThrownBy(() -> LiveDashboard.start(70000, "x")).hasMessageContaining("0..65535");
    }

    /** DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own name as Host, and is refused. */
    @Test
    void answersOnlyRequestsAddressedToTheLoopback() throws Exception {
        try (LiveDashboard live = LiveDashboard.start(0, "test")) {
            int port = live.uri().getPort();
            assertThat(statusLine(port, "attacker.example:" + port)).endsWith("403 Forbidden");
            assertThat(statusLine(port, "127.0.0.1.attacker.example")).endsWith("403 Forbidden");
            assertThat(statusLine(port, "localhost:" + port)).endsWith("200 OK");
            assertThat(statusLine(port, "127.0.0.1:" + port)).endsWith("200 OK");
        }
        assertThat(LiveDashboard.loopbackHost("[::1]:9000")).isTrue();
        assertThat(LiveDashboard.loopbackHost(null)).isFalse();
    }

    /** The status line of GET / with this Host header, sent by hand (Java's HttpClient does not let a Host be set). */
    private static String statusLine(int port, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void metricsFollowTrainingStepByStep() throws Exception {
        ComputationGraph net = TinyNets.of("resnet", 3).build().init();
        try (LiveDashboard live = LiveDashboard.start(0, "test")) {
            Trainer.builder(net, InMemoryData.iterator(24, 8, 1)).validation(InMemoryData.iterator(12, 6, 2))
                    .labels(InMemoryData.LABELS).epochs(2).listener(live).build().fit();
            ObjectMapper json = new ObjectMapper();
            JsonNode all = json.readTree(get(live.uri().resolve("/metrics")).body());
            assertThat(all.get("total").asInt()).isEqualTo(6);
            assertThat(all.get("steps")).hasSize(6);
            assertThat(all.get("steps").get(5).get(0).asInt()).isEqualTo(6);
            assertThat(all.get("epochEndSteps").toString()).isEqualTo("[3,6]");
            assertThat(all.get("history")).hasSize(2);
            assertThat(all.get("status").asText()).isEqualTo("epoch 2 of 2, step 3");
            assertThat(all.get("ratios")).isNotEmpty().allSatisfy(r -> assertThat(r.get("value").asDouble())
                    .isBetween(-8.0, 1.0));
            JsonNode newer = json.readTree(get(live.uri().resolve("/metrics?since=4")).body());
            assertThat(newer.get("steps")).hasSize(2);
        }
    }

    /** A plain-SGD step moves the parameters by exactly the update the ratio is taken of. */
    @Test
    void updateRatiosAreTheAppliedUpdateOverTheParameters() {
        ComputationGraph net = TinyNets.of("resnet", 3).updater(new Sgd(0.5)).build().init();
        Map<String, INDArray> before = new HashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        net.fit(InMemoryData.iterator(8, 8, 3).next());

        List<Map<String, Object>> ratios = LiveDashboard.updateRatios(net);
        assertThat(ratios).extracting(r -> r.get("name")).startsWith("stem.conv", "stem.bn").contains("head.fc");
        for (Map<String, Object> r : ratios) {
            String layer = (String) r.get("name");
            double moved = 0;
            double size = 0;
            for (String param : List.of("W", "b", "gamma", "beta")) {
                INDArray after = net.paramTable().get(layer + "_" + param);
                if (after != null) {
                    moved += Math.pow(before.get(layer + "_" + param).sub(after).norm2Number().doubleValue(), 2);
                    size += Math.pow(after.norm2Number().doubleValue(), 2);
                }
            }
            assertThat((double) r.get("value")).as(layer).isCloseTo(0.5 * Math.log10(moved / size), within(1e-3));
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
