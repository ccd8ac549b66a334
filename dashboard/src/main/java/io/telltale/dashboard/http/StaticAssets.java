package io.telltale.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's pages and their libraries, served from the jar: no CDN, nothing fetched from
 * elsewhere (the Content-Security-Policy forbids it anyway). Our own files carry an ETag of their
 * content and are revalidated on every load ({@code no-cache}), so an upgrade is seen at once; a
 * library's path names its version, so it is cached for a year ({@code immutable}).
 */
final class StaticAssets {

    /** Path → where it is in the jar; our pages first. */
    static final Map<String, String> PATHS = paths();

    private static Map<String, String> paths() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("/", "/io/telltale/dashboard/http/static/index.html");
        p.put("/app.js", "/io/telltale/dashboard/http/static/app.js");
        p.put("/app.css", "/io/telltale/dashboard/http/static/app.css");
        p.put("/vendor/echarts-5.3.1.min.js", "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js");
        return p;
    }

    private final Map<String, Response> loaded = new ConcurrentHashMap<>();

    Response get(String path) {
        return loaded.computeIfAbsent(path, StaticAssets::load);
    }

    private static Response load(String path) {
        String resource = PATHS.get(path);
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            byte[] bytes = in.readAllBytes();
            String type = resource.endsWith(".html") ? "text/html; charset=utf-8"
                    : resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
            return Response.bytes(200, type, bytes).withHeader("ETag", etag).withHeader("Cache-Control",
                    path.startsWith("/vendor/") ? "public, max-age=31536000, immutable" : "no-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
