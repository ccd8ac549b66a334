package io.telltale.signatures.rule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classtypes of a {@code classification.config}: {@code config classification: name,description,priority}.
 * A rule naming a classtype that is not here is an error, as in Suricata.
 */
public final class Classifications {

    /** One classtype: a short description and a priority, 1 the most urgent. */
    public record Classtype(String name, String description, int priority) {
    }

    private final Map<String, Classtype> byName;

    private Classifications(Map<String, Classtype> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Telltale's bundled file: Suricata's and ET's names, and a few for screening networks. */
    public static Classifications bundled() {
        try (InputStream in = Classifications.class.getResourceAsStream("/io/telltale/signatures/classification.config")) {
            ParseResult r = parse("classification.config", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("bundled classification.config: " + r.errors());
            }
            return r.classifications();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classtypes of a file, and its errors (with line and column) for lines that are not one. */
    public record ParseResult(Classifications classifications, List<RuleError> errors) {
    }

    public static ParseResult parse(String file, String text) {
        Map<String, Classtype> byName = new LinkedHashMap<>();
        List<RuleError> errors = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String prefix = "config classification:";
            if (!line.startsWith(prefix)) {
                errors.add(new RuleError(file, i + 1, 1, "expected 'config classification: name,description,priority'"));
                continue;
            }
            String rest = line.substring(prefix.length());
            int first = rest.indexOf(',');
            int last = rest.lastIndexOf(',');
            int column = lines[i].indexOf(prefix) + prefix.length() + 1;
            if (first <= 0 || last == first) {
                errors.add(new RuleError(file, i + 1, column, "expected name,description,priority"));
                continue;
            }
            String name = rest.substring(0, first).strip();
            String priority = rest.substring(last + 1).strip();
            if (!priority.matches("[0-9]{1,3}")) {
                errors.add(new RuleError(file, i + 1, column + last + 1, "priority '" + priority + "' is not a number"));
                continue;
            }
            byName.put(name, new Classtype(name, rest.substring(first + 1, last).strip(), Integer.parseInt(priority)));
        }
        return new ParseResult(new Classifications(byName), errors);
    }

    public Optional<Classtype> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public int size() {
        return byName.size();
    }
}
