package org.zoo4j.train.report;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The few pieces zoo4j's pages are made of: escaping, tables, embedded data, and the shared style and charts. */
public final class Html {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Html() {
    }

    public static String escape(Object text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** {@code value} as JSON that is safe inside a {@code <script>} element. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A table whose first column is left-aligned (names) and the rest right-aligned (numbers); cells are escaped. */
    public static String table(List<String> header, List<List<?>> rows) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        for (int i = 0; i < header.size(); i++) {
            html.append(i == 0 ? "<th class=\"l\">" : "<th>").append(escape(header.get(i))).append("</th>");
        }
        html.append("</tr>\n");
        for (List<?> row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == 0 ? "<td class=\"l\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** A two-column table of names and values. */
    public static String properties(List<List<?>> rows) {
        StringBuilder html = new StringBuilder("<table>\n");
        for (List<?> row : rows) {
            html.append("<tr><th class=\"l\">").append(escape(row.get(0))).append("</th><td class=\"l\">")
                    .append(escape(row.get(1))).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    public static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "–";
    }

    /**
     * A whole page: the shared style and chart code inline, so that it opens from disk with no server or network.
     *
     * @param script run after the chart code (may use {@code Zoo4jCharts}); empty for none
     */
    public static String page(String title, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + resource(Html.class, "zoo4j.css") + "</style>\n</head>\n<body>\n" + body
                + "<script>\n" + resource(Html.class, "charts.js") + "\n" + script + "\n</script>\n</body>\n</html>\n";
    }

    /** A text resource next to {@code owner}'s class file. */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("zoo4j-train is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
