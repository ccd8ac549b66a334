package io.telltale.dashboard.http;

import io.telltale.dashboard.auth.Role;
import java.util.HashMap;
import java.util.Map;

/**
 * One route: method, path pattern ({@code /api/flows/{uid}}), the role it needs (null: open to all,
 * as the login), a summary for the OpenAPI document, what answers it, and its query parameters (name
 * to description, in order) for the document too.
 */
public record Route(String method, String pattern, Role role, String summary, Handler handler, Map<String, String> query) {

    public Route(String method, String pattern, Role role, String summary, Handler handler) {
        this(method, pattern, role, summary, handler, Map.of());
    }

    /** This route with its query parameters documented: name, description, name, description, … */
    public Route query(String... namesAndDescriptions) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndDescriptions.length; i += 2) {
            q.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return new Route(method, pattern, role, summary, handler, java.util.Collections.unmodifiableMap(q));
    }

    /** Answers a request, for the user it came from (null on open routes). */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request, Principal user) throws Exception;
    }

    /** Who is asking: a user and role, and whether by session cookie (which needs a CSRF token to change things). */
    public record Principal(String name, Role role, boolean bySession, String csrf) {
    }

    /** The path parameters when {@code path} fits this route's pattern, else null. */
    Map<String, String> match(String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                parameters.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return parameters;
    }
}
