package io.telltale.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to a test's dashboard over its own HTTPS client: any method, and a login that checks the cookie's flags. */
record ApiCalls(HttpClient client, String base) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in (with these headers, else as JSON); returns the cookie header value and the CSRF token. */
    String[] login(String name, String password, String... headers) throws Exception {
        HttpResponse<String> r = send("POST", "/api/login", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}",
                headers.length > 0 ? headers : new String[] {"Content-Type", "application/json"});
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String cookie = r.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
        return new String[] {cookie.substring(0, cookie.indexOf(';')), JSON.readTree(r.body()).get("csrf").asText()};
    }
}
