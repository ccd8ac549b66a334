package io.telltale.dashboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, a content type, a body and headers of its own (cookies, Retry-After). */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** A JSON body; Jackson escapes every string, so nothing from the wire can leave its quotes. */
    public static Response json(int status, Object body) {
        try {
            return new Response(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), new LinkedHashMap<>());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response as JSON", e);
        }
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    /** An error as {@code {"error": "..."}}: what was wrong, said plainly. */
    public static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body, new LinkedHashMap<>());
    }

    public static Response text(int status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }
}
