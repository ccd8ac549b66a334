package io.telltale.analysis.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.policy.PolicyDocument;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes proposals into a policy file's text, under {@code learned:} at its end, each with a comment
 * giving its evidence (and, loudly, the alerts the same traffic raised), so the file a person reviews
 * and the diff they read say the same. Strings from the wire are written as JSON strings, which YAML
 * reads as double-quoted scalars: a hostile name cannot add a line or a key.
 */
public final class PolicyAppender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)\\s*:");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The policy text cannot take appended declarations. */
    public static final class AppendException extends Exception {
        public AppendException(String message) {
            super(message);
        }
    }

    private PolicyAppender() {
    }

    /** The text with the proposals appended under {@code learned:}. */
    public static String append(String name, String text, PolicyDocument current, List<Proposal> proposals, String source)
            throws AppendException {
        String lastKey = null;
        Matcher m = TOP_LEVEL_KEY.matcher(text);
        while (m.find()) {
            lastKey = m.group(1);
        }
        boolean hasLearned = TOP_LEVEL_KEY.matcher(text).results().anyMatch(r -> r.group(1).equals("learned"));
        if (hasLearned && !"learned".equals(lastKey)) {
            throw new AppendException(name + ": \"learned:\" must be the last key of the file for declarations to be appended"
                    + " to it (move it to the end)");
        }
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append('\n');
        }
        if (!hasLearned) {
            out.append("# Declarations proposed by telltale baseline and accepted by a person. Keep this key last.\nlearned:\n");
        }
        Set<String> ids = new HashSet<>();
        current.allDeclarations().forEach(d -> ids.add(d.id()));
        for (Proposal p : proposals) {
            out.append(entry(p, source, ids));
        }
        return out.toString();
    }

    private static String entry(Proposal p, String source, Set<String> ids) {
        StringBuilder e = new StringBuilder();
        e.append("  # ").append(source).append(": ").append(p.flows()).append(p.flows() == 1 ? " conversation" : " conversations");
        if (p.firstNanos() > 0) {
            e.append(", ").append(WHEN.format(Instant.ofEpochSecond(p.firstNanos() / 1_000_000_000L))).append(" – ")
                    .append(WHEN.format(Instant.ofEpochSecond(p.lastNanos() / 1_000_000_000L))).append(" UTC");
        }
        e.append(", ").append(p.bytesOut()).append(" bytes out, ").append(p.bytesIn()).append(" in\n");
        if (!p.alerts().isEmpty()) {
            e.append("  # REVIEW: the same traffic raised ").append(String.join(", ", p.alerts()))
                    .append(" — declaring it would silence that\n");
        }
        String base = "learned-" + slug(p.from()) + "-" + slug(p.protocol()) + (p.port() > 0 ? "-" + p.port() : "");
        String id = base;
        for (int n = 2; ids.contains(id); n++) {
            id = base + "-" + n;
        }
        ids.add(id);
        e.append("  - id: ").append(id).append('\n');
        e.append("    from: ").append(quoted(p.from())).append('\n');
        e.append("    to: ").append(quoted(p.to())).append('\n');
        e.append("    protocol: ").append(quoted(p.protocol())).append('\n');
        e.append("    transport: ").append(p.transport()).append('\n');
        if (p.port() > 0) {
            e.append("    ports: [").append(p.port()).append("]\n");
        }
        if (p.namesKey() != null && !p.names().isEmpty()) {
            e.append("    ").append(p.namesKey()).append(": [")
                    .append(String.join(", ", p.names().stream().map(PolicyAppender::quoted).toList())).append("]\n");
        }
        return e.toString();
    }

    private static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 40 ? slug.substring(0, 40) : slug;
    }

    static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unified diff of an append: the old text's lines kept, the new ones added at its end. */
    public static String diff(String name, String before, String after) {
        List<String> old = before.lines().toList();
        List<String> added = after.lines().skip(old.size()).toList();
        StringBuilder d = new StringBuilder();
        d.append("--- ").append(name).append('\n').append("+++ ").append(name).append(" (proposed)\n");
        if (added.isEmpty()) {
            return d.toString();
        }
        d.append("@@ -").append(old.size()).append(",0 +").append(old.size() + 1).append(',').append(added.size()).append(" @@\n");
        added.forEach(line -> d.append('+').append(line).append('\n'));
        return d.toString();
    }
}
