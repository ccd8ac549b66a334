package io.telltale.signatures.ioc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.telltale.analysis.detect.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Indicator lists from files. Plain text: one indicator a line, its kind guessed from its shape,
 * {@code #} comments, and the directives {@code # name:}, {@code # severity:} and
 * {@code # expires:} (a date or an instant). CSV: the same directives, a header naming the
 * {@code indicator} (or {@code value}) column and optionally {@code type} and {@code expires}.
 * STIX 2.1: a bundle's {@code indicator} objects whose pattern is one comparison, or several joined
 * by OR, on an address, a domain, a URL or a certificate hash; {@code valid_until} and
 * {@code revoked} are honoured. A YAML manifest ({@code lists: [{name, file, severity, expires}]})
 * names several files with their settings. What cannot be read is a problem of the list, with its
 * line, never a failure of the rest.
 */
public final class IndicatorReader {

    private static final Pattern COMPARISON = Pattern.compile(
            "\\[\\s*([a-z0-9-]+):([A-Za-z0-9_.'\\-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*\\]");
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*(name|severity|expires)\\s*:\\s*(.+)", Pattern.CASE_INSENSITIVE);

    private IndicatorReader() {
    }

    /** The lists a file holds: one, or those a YAML manifest names (paths relative to it). */
    public static List<IndicatorList> read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return manifest(file);
        }
        return List.of(read(name, Files.readString(file, StandardCharsets.UTF_8), Severity.MEDIUM, Long.MAX_VALUE));
    }

    /** One list from text; the file name says its format (.json STIX, .csv CSV, else plain text). */
    public static IndicatorList read(String fileName, String text, Severity severity, long expires) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String base = fileName.replaceAll("\\.[A-Za-z]+$", "");
        if (lower.endsWith(".json")) {
            return stix(base, text, severity, expires);
        }
        return lines(base, text, severity, expires, lower.endsWith(".csv"));
    }

    private static List<IndicatorList> manifest(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        List<IndicatorList> lists = new ArrayList<>();
        int i = 0;
        for (JsonNode l : root.path("lists")) {
            i++;
            String where = file + ": lists[" + i + "]";
            if (!l.hasNonNull("file")) {
                throw new IOException(where + ": needs a file");
            }
            Path p = file.resolveSibling(l.path("file").asText());
            Severity severity = l.hasNonNull("severity") ? severity(l.path("severity").asText(), where) : Severity.MEDIUM;
            long expires = l.hasNonNull("expires") ? time(l.path("expires").asText(), where) : Long.MAX_VALUE;
            IndicatorList read = read(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8), severity, expires);
            lists.add(new IndicatorList(l.hasNonNull("name") ? l.path("name").asText() : read.name(), severity, expires,
                    read.indicators(), read.problems()));
        }
        return lists;
    }

    private static IndicatorList lines(String name, String text, Severity severity, long expires, boolean csv) {
        List<Indicator> indicators = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int column = 0;
        int typeColumn = -1;
        int expiresColumn = -1;
        boolean header = false;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher d = DIRECTIVE.matcher(line);
                if (d.matches()) {
                    String where = name + ":" + (n + 1);
                    try {
                        switch (d.group(1).toLowerCase(Locale.ROOT)) {
                            case "name" -> name = d.group(2).strip();
                            case "severity" -> severity = severity(d.group(2).strip(), where);
                            default -> expires = time(d.group(2).strip(), where);
                        }
                    } catch (IOException e) {
                        problems.add(e.getMessage());
                    }
                }
                continue;
            }
            String value = line;
            long validUntil = Long.MAX_VALUE;
            String type = null;
            if (csv) {
                List<String> cells = cells(line);
                if (!header) {
                    header = true;
                    int found = indexOf(cells, "indicator", "value", "ioc");
                    if (found >= 0) {
                        column = found;
                        typeColumn = indexOf(cells, "type");
                        expiresColumn = indexOf(cells, "expires", "valid_until");
                        continue;
                    }
                }
                value = column < cells.size() ? cells.get(column) : "";
                type = typeColumn >= 0 && typeColumn < cells.size() ? cells.get(typeColumn).strip().toLowerCase(Locale.ROOT) : null;
                if (expiresColumn >= 0 && expiresColumn < cells.size() && !cells.get(expiresColumn).isBlank()) {
                    try {
                        validUntil = time(cells.get(expiresColumn).strip(), name + ":" + (n + 1));
                    } catch (IOException e) {
                        problems.add(e.getMessage());
                        continue;
                    }
                }
            } else {
                int comment = value.indexOf(" #");
                if (comment > 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            Indicator indicator;
            try {
                indicator = Indicator.guess(value, validUntil);
            } catch (IllegalArgumentException e) {
                indicator = null;
            }
            if (indicator == null) {
                problems.add(name + ":" + (n + 1) + ": '" + abbreviate(value) + "' is not an address, network, domain, URL or hash");
                continue;
            }
            if (type != null && !fits(type, indicator.kind())) {
                problems.add(name + ":" + (n + 1) + ": '" + abbreviate(value) + "' is not a " + type);
                continue;
            }
            indicators.add(indicator);
        }
        return new IndicatorList(name, severity, expires, indicators, problems);
    }

    private static boolean fits(String type, Indicator.Kind kind) {
        return switch (type) {
            case "ip", "ipv4", "ipv6", "ip-dst", "ip-src" -> kind == Indicator.Kind.IP || kind == Indicator.Kind.CIDR;
            case "cidr", "network" -> kind == Indicator.Kind.CIDR;
            case "domain", "hostname", "fqdn" -> kind == Indicator.Kind.DOMAIN;
            case "url", "uri" -> kind == Indicator.Kind.URL;
            case "ja3", "ja3s", "hassh", "md5" -> kind == Indicator.Kind.MD5_FINGERPRINT;
            case "ja4" -> kind == Indicator.Kind.JA4;
            case "sha1", "x509-sha1" -> kind == Indicator.Kind.SHA1;
            case "sha256", "x509-sha256" -> kind == Indicator.Kind.SHA256;
            default -> true;
        };
    }

    private static IndicatorList stix(String name, String text, Severity severity, long expires) {
        List<Indicator> indicators = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            return new IndicatorList(name, severity, expires, List.of(), List.of(name + ": not JSON: " + e.getMessage()));
        }
        JsonNode objects = root.path("type").asText().equals("bundle") ? root.path("objects") : root;
        int n = 0;
        for (JsonNode o : objects.isArray() ? objects : List.of(objects)) {
            n++;
            if (!o.path("type").asText().equals("indicator")) {
                continue;
            }
            String where = name + ": " + o.path("id").asText("object " + n);
            if (o.path("revoked").asBoolean(false)) {
                continue;
            }
            if (o.has("pattern_type") && !o.path("pattern_type").asText().equals("stix")) {
                problems.add(where + ": pattern type " + o.path("pattern_type").asText() + " is not read");
                continue;
            }
            long validUntil = Long.MAX_VALUE;
            if (o.hasNonNull("valid_until")) {
                try {
                    validUntil = time(o.path("valid_until").asText(), where);
                } catch (IOException e) {
                    problems.add(e.getMessage());
                    continue;
                }
            }
            String pattern = o.path("pattern").asText();
            String[] parts = pattern.split("\\s+OR\\s+");
            List<Indicator> found = new ArrayList<>();
            String problem = null;
            for (String part : parts) {
                Matcher m = COMPARISON.matcher(part.strip());
                if (!m.matches()) {
                    problem = "pattern '" + abbreviate(pattern) + "' is more than comparisons joined by OR";
                    break;
                }
                Indicator i = fromStix(m.group(1), m.group(2), m.group(3).replace("\\'", "'").replace("\\\\", "\\"), validUntil);
                if (i == null) {
                    problem = "'" + m.group(1) + ":" + m.group(2) + "' is not seen on the wire";
                    break;
                }
                found.add(i);
            }
            if (problem != null) {
                problems.add(where + ": " + problem);
            } else {
                indicators.addAll(found);
            }
        }
        return new IndicatorList(name, severity, expires, indicators, problems);
    }

    private static Indicator fromStix(String object, String property, String value, long validUntil) {
        String p = property.replace("'", "").toUpperCase(Locale.ROOT);
        Indicator i = switch (object) {
            case "ipv4-addr", "ipv6-addr" -> p.equals("VALUE") ? Indicator.guess(value, validUntil) : null;
            case "domain-name" -> p.equals("VALUE") ? Indicator.guess(value, validUntil) : null;
            case "url" -> p.equals("VALUE") ? Indicator.url(value, validUntil) : null;
            case "x509-certificate" -> p.equals("HASHES.SHA-256") || p.equals("HASHES.SHA256") || p.equals("HASHES.SHA-1")
                    || p.equals("HASHES.SHA1") ? Indicator.guess(value, validUntil) : null;
            default -> null;
        };
        if (i == null) {
            return null;
        }
        boolean consistent = switch (object) {
            case "ipv4-addr", "ipv6-addr" -> i.kind() == Indicator.Kind.IP || i.kind() == Indicator.Kind.CIDR;
            case "domain-name" -> i.kind() == Indicator.Kind.DOMAIN;
            case "x509-certificate" -> i.kind() == Indicator.Kind.SHA1 || i.kind() == Indicator.Kind.SHA256;
            default -> true;
        };
        return consistent ? i : null;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static int indexOf(List<String> cells, String... names) {
        for (int i = 0; i < cells.size(); i++) {
            for (String n : names) {
                if (cells.get(i).equalsIgnoreCase(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static Severity severity(String text, String where) throws IOException {
        for (Severity s : Severity.values()) {
            if (s.text().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IOException(where + ": severity '" + text + "' is not info, low, medium, high or critical");
    }

    /** A date (the end of that day, UTC) or an instant, in epoch nanoseconds. */
    static long time(String text, String where) throws IOException {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000L;
            }
            Instant i = Instant.parse(text);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            throw new IOException(where + ": '" + text + "' is not a date (2027-01-31) or an instant (2027-01-31T12:00:00Z)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
