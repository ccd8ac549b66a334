package io.telltale.dashboard.http;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.index.IndexSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a query may name, for the search box to complete: the aliases first (what analysts type), then
 * every catalog field with its type and description, then the two words of the language that are not
 * fields ({@code exists:} and {@code alert:}). Built once from the schema the index was written with.
 */
final class QueryFields {

    private QueryFields() {
    }

    static List<Map<String, Object>> of(IndexSchema schema) {
        List<Map<String, Object>> out = new ArrayList<>();
        schema.aliases().forEach((alias, targets) -> out.add(entry(alias, "alias",
                "any of " + String.join(", ", targets.stream().map(FieldSpec::name).toList()))));
        for (FieldSpec field : schema.fields()) {
            out.add(entry(field.name(), field.type().name().toLowerCase(Locale.ROOT), field.description()));
        }
        out.add(entry("exists", "keyword", "flows that have the field named: exists:tls.sni"));
        out.add(entry("alert", "keyword", "the evidence flows of an alert: alert:TT-0123456789abcdef"));
        return List.copyOf(out);
    }

    private static Map<String, Object> entry(String name, String type, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("type", type);
        e.put("description", description == null ? "" : description);
        return e;
    }
}
