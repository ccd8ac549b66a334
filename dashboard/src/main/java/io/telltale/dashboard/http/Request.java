package io.telltale.dashboard.http;

import java.util.List;
import java.util.Map;

/**
 * A request as the routes see it, whichever HTTP version brought it: method, path (decoded),
 * query parameters, lower-cased headers, body, the peer's address, and path parameters once routed.
 */
public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body,
                      String remoteAddress, Map<String, String> pathParameters) {

    public String header(String name) {
        return headers.get(name);
    }

    /** A query parameter's first value, or {@code fallback}. */
    public String parameter(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    public List<String> parameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    Request withPathParameters(Map<String, String> parameters) {
        return new Request(method, path, query, headers, body, remoteAddress, parameters);
    }

    /** The value of a cookie, or null. */
    public String cookie(String name) {
        String header = headers.get("cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                return part.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
