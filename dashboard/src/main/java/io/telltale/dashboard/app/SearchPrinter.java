package io.telltale.dashboard.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.index.SearchPage;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints search hits as a table, JSON lines or CSV. Wire strings are made harmless for each: control
 * characters shown as {@code \xNN} in the table, JSON-escaped in JSON lines, and in CSV quoted with a
 * leading {@code '} before {@code = + - @} so a spreadsheet never runs a flow's SNI as a formula.
 */
final class SearchPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEFAULT_COLUMNS = List.of("flow.start", "flow.uid", "ip.src", "port.src", "ip.dst",
            "port.dst", "flow.transport", "flow.service", "bytes.out", "bytes.in");

    private final PrintWriter out;
    private final SearchFormat format;
    private final List<String> columns;

    SearchPrinter(PrintWriter out, SearchFormat format, List<String> fields) {
        this.out = out;
        this.format = format;
        this.columns = fields == null || fields.isEmpty() ? DEFAULT_COLUMNS : fields;
    }

    void print(SearchPage page, List<String> facets) {
        switch (format) {
            case JSONL -> page.hits().forEach(this::json);
            case CSV -> csv(page);
            case TABLE -> table(page, facets);
        }
    }

    private void json(SearchPage.FlowHit hit) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("uid", hit.uid());
        object.putAll(hit.fields());
        object.remove("flow.uid"); // said once, as "uid"
        try {
            out.println(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void csv(SearchPage page) {
        out.println(String.join(",", columns));
        for (SearchPage.FlowHit hit : page.hits()) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(csvCell(text(column, hit.fields().get(column))));
            }
            out.println(String.join(",", cells));
        }
    }

    static String csvCell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(value)) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private void table(SearchPage page, List<String> facets) {
        if (!page.hits().isEmpty()) {
            hits(page);
        }
        counts(page, facets);
    }

    private void hits(SearchPage page) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.toArray(String[]::new));
        for (SearchPage.FlowHit hit : page.hits()) {
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = visible(text(columns.get(i), hit.fields().get(columns.get(i))));
            }
            rows.add(row);
        }
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.min(48, Math.max(widths[i], row[i].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i].length() > widths[i] ? row[i].substring(0, widths[i] - 1) + "…" : row[i];
                line.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private void counts(SearchPage page, List<String> facets) {
        for (String facet : facets) {
            out.println();
            out.println("top " + facet + ":");
            for (SearchPage.FacetCount count : page.facets().getOrDefault(facet, List.of())) {
                out.printf("  %,10d  %s%n", count.count(), visible(count.value()));
            }
        }
        if (!page.histogram().isEmpty()) {
            out.println();
            out.println("flows per " + Duration.ofNanos(page.histogramBucketNanos()).toString().substring(2).toLowerCase() + ":");
            long most = page.histogram().stream().mapToLong(SearchPage.HistogramBucket::count).max().orElse(1);
            for (SearchPage.HistogramBucket bucket : page.histogram()) {
                int bar = (int) Math.max(1, bucket.count() * 40 / most);
                out.printf("  %s %,8d %s%n", time(bucket.startNanos()), bucket.count(), "#".repeat(bar));
            }
        }
        out.println();
    }

    private static String text(String column, Object value) {
        if (value == null) {
            return "";
        }
        if ((column.equals("flow.start") || column.equals("flow.end")) && value instanceof Number n) {
            return time(n.longValue());
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    static String time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L) / 1_000_000 * 1_000_000)
                .toString();
    }

    /** Control characters (a newline in an SNI) as {@code \xNN}, so a hit is one line on the terminal. */
    static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(String.format("\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
