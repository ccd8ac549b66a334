package io.telltale.dashboard.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Live updates as server-sent events on one long response: every alert newly in the index (newest
 * first on connect: the last 50), checked every second, and the health every five. Lines are JSON
 * written by Jackson, so no string from the wire can end an event early. The stream ends when the
 * client goes; a slow client is not written to until it has taken what it was sent.
 */
final class EventStream {

    /** A route's answer carrying this header becomes a stream instead. */
    static final String MARKER = "X-Telltale-Stream";
    private static final int BACKLOG = 50;
    private static final int REMEMBERED = 100_000;

    private final ChannelHandlerContext ctx;
    private final DashboardApi api;
    private final ExecutorService answering;
    private final Consumer<String> log;
    private final Set<String> sent = new HashSet<>();
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private ScheduledFuture<?> ticker;
    private int ticks;

    EventStream(ChannelHandlerContext ctx, DashboardApi api, ExecutorService answering, Consumer<String> log) {
        this.ctx = ctx;
        this.api = api;
        this.answering = answering;
        this.log = log;
    }

    void start(HttpVersion version, Map<String, String> headers) {
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("X-Accel-Buffering", "no");
        response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.IDENTITY); // gzip would hold events back
        headers.forEach((k, v) -> response.headers().set(k, v));
        HttpUtil.setTransferEncodingChunked(response, true);
        ctx.writeAndFlush(response);
        ticker = ctx.executor().scheduleAtFixedRate(() -> answering.execute(this::tick), 0, 1, TimeUnit.SECONDS);
        ctx.channel().closeFuture().addListener(f -> ticker.cancel(false));
    }

    private void tick() {
        if (!ctx.channel().isActive()) {
            ticker.cancel(false);
            return;
        }
        if (!ctx.channel().isWritable()) {
            return; // the client has not taken what it was sent
        }
        try {
            StringBuilder events = new StringBuilder();
            List<Map<String, Object>> newest = api.newestAlerts(BACKLOG);
            for (int i = newest.size() - 1; i >= 0; i--) { // oldest of them first
                Map<String, Object> alert = newest.get(i);
                String id = String.valueOf(alert.get("id"));
                if (sent.add(id)) {
                    order.addLast(id);
                    if (order.size() > REMEMBERED) {
                        sent.remove(order.pollFirst());
                    }
                    events.append("event: alert\ndata: ").append(Response.JSON.writeValueAsString(alert)).append("\n\n");
                }
            }
            if (ticks++ % 5 == 0) {
                events.append("event: health\ndata: ").append(Response.JSON.writeValueAsString(api.health())).append("\n\n");
            }
            if (!events.isEmpty()) {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(events.toString().getBytes(StandardCharsets.UTF_8))));
            }
        } catch (Exception e) {
            log.accept("dashboard: the event stream failed: " + e);
            ctx.close();
        }
    }

    static boolean wanted(Response r) {
        return r.headers().containsKey(MARKER);
    }

    static Map<String, String> securityHeaders() {
        return Map.of("Content-Security-Policy", DashboardServer.CONTENT_SECURITY_POLICY, "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer", "Strict-Transport-Security", "max-age=31536000");
    }
}
