package io.telltale.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's pages, served from the jar: no CDN, nothing fetched from elsewhere (the
 * Content-Security-Policy forbids it anyway). Each is sent with an ETag of its content and
 * revalidated on every load ({@code no-cache}), so an upgrade is seen at once.
 */
final class StaticAssets {

    static final List<String> NAMES = List.of("index.html", "app.js", "app.css");

    private final Map<String, Response> loaded = new ConcurrentHashMap<>();

    Response get(String name) {
        return loaded.computeIfAbsent(name, StaticAssets::load);
    }

    private static Response load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the page " + name);
            }
            byte[] bytes = in.readAllBytes();
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
            return Response.bytes(200, type, bytes).withHeader("ETag", etag).withHeader("Cache-Control", "no-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
