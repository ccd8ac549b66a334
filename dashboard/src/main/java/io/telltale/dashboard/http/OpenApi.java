package io.telltale.dashboard.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API as an OpenAPI 3.1 document, made from the route table itself, so the document and the
 * routes cannot disagree: each route with its summary, its path and query parameters, and the role it needs.
 */
final class OpenApi {

    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.pattern(), p -> new LinkedHashMap<>());
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("summary", route.summary());
            operation.put("x-telltale-role", route.role() == null ? "none" : route.role().text());
            List<Map<String, Object>> parameters = new java.util.ArrayList<>();
            for (String part : route.pattern().split("/")) {
                if (part.startsWith("{")) {
                    parameters.add(Map.of("name", part.substring(1, part.length() - 1), "in", "path", "required", true,
                            "schema", Map.of("type", "string")));
                }
            }
            route.query().forEach((name, description) -> parameters.add(Map.of("name", name, "in", "query", "required", false,
                    "description", description, "schema", Map.of("type", "string"))));
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            if (route.role() != null) {
                operation.put("security", List.of(Map.of("session", List.of()), Map.of("token", List.of())));
            }
            operation.put("responses", Map.of("200", Map.of("description", "the answer"), "400",
                    Map.of("description", "bad input: {error}"), "401", Map.of("description", "not logged in"), "403",
                    Map.of("description", "the role does not allow it, or a change without the CSRF token")));
            item.put(route.method().toLowerCase(java.util.Locale.ROOT), operation);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Telltale dashboard API", "version", "1"));
        doc.put("components", Map.of("securitySchemes", Map.of(
                "session", Map.of("type", "apiKey", "in", "cookie", "name", Sessions.COOKIE),
                "token", Map.of("type", "http", "scheme", "bearer"))));
        doc.put("paths", paths);
        return doc;
    }
}
