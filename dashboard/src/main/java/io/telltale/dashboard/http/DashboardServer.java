package io.telltale.dashboard.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.dashboard.auth.PasswordHasher;
import io.telltale.dashboard.auth.UserStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dashboard's HTTPS server. TLS 1.3/1.2 only (no plain HTTP at all), HTTP/2 or HTTP/1.1 by ALPN,
 * gzip for clients that ask, requests up to 1 MiB, idle connections closed after a minute. Requests
 * are answered on a small pool of their own (searches and Argon2 must not hold the event loop), and
 * every response carries the security headers: a strict Content-Security-Policy (only this origin's
 * scripts and styles, no framing), nosniff, no referrer, HSTS, and no caching of API answers.
 */
public final class DashboardServer implements AutoCloseable {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService answering;
    private final Channel channel;
    private final LuceneFlowSearch search;
    private final AuditLog audit;
    private final Router router;
    private final DashboardApi api;
    private final Consumer<String> log;

    /**
     * Starts serving {@code dataDir}'s index, users and audit log on {@code listen}.
     *
     * @param tls the certificate and key (see {@link TlsMaterial})
     */
    public DashboardServer(InetSocketAddress listen, Path dataDir, TlsMaterial tls, PrometheusMeterRegistry metrics, Clock clock,
                           Consumer<String> log) throws IOException, InterruptedException {
        this(listen, dataDir, tls, metrics, clock, log, null);
    }

    /** @param policy what may be done with the policy in force, or null when the appliance runs without one */
    public DashboardServer(InetSocketAddress listen, Path dataDir, TlsMaterial tls, PrometheusMeterRegistry metrics, Clock clock,
                           Consumer<String> log, PolicyActions policy) throws IOException, InterruptedException {
        // the JVM's own meters beside the pipeline's: memory, GC, threads, CPU, uptime
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(metrics);
        IndexLayout layout = new IndexLayout(dataDir);
        this.search = new LuceneFlowSearch(layout, IndexSchema.standard());
        this.audit = new AuditLog(dataDir.resolve("audit.jsonl"), clock, log);
        UserStore users = new UserStore(dataDir, new PasswordHasher());
        Sessions sessions = new Sessions(clock);
        this.log = log;
        this.api = new DashboardApi(layout, search, users, sessions, new LoginLimiter(clock), audit, metrics, clock, policy);
        this.router = new Router(api.routes(), sessions, users, log);
        SslContext ssl = SslContextBuilder.forServer(tls.certificate().toFile(), tls.key().toFile())
                .protocols("TLSv1.3", "TLSv1.2")
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
        this.answering = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("telltale-dashboard", true));
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("telltale-http-accept", true), NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("telltale-http", true), NioIoHandler.newFactory());
        this.channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(60), ssl.newHandler(ch.alloc()), new Negotiation());
                    }
                })
                .bind(listen).sync().channel();
    }

    /** Where it listens (the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** HTTP/2 when the client offers it, HTTP/1.1 otherwise; both end in the same handler. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            ChannelPipeline p = ctx.pipeline();
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                p.addLast(Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new HttpContentCompressor(),
                                new BoundedBodies(), new Answer());
                    }
                }));
            } else {
                p.addLast(new HttpServerCodec(), new HttpContentCompressor(), new BoundedBodies(), new Answer());
            }
        }
    }

    /** Turns a Netty request into ours, answers it on the pool, and writes the answer back with the security headers. */
    /** The most bytes a request body may have: a login, a triage comment, a policy acceptance are small. */
    static final int MAX_BODY = 1 << 20;

    /**
     * Joins a request's body, and answers one over {@link #MAX_BODY} with a 413 that says so (Netty's own
     * answer is a bare status, and over HTTP/2 the stream was reset before the client read it).
     */
    private static final class BoundedBodies extends HttpObjectAggregator {
        BoundedBodies() {
            super(MAX_BODY);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
            FullHttpResponse response = plainError(oversized.protocolVersion(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the request body is over " + (MAX_BODY >> 10) + " KiB");
            if (ctx.channel() instanceof Http2StreamChannel) {
                // the rest of the body is read and dropped; resetting the stream would lose the answer
                response.headers().remove(HttpHeaderNames.CONNECTION);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        }
    }

    /** An error answer made before routing (the request could not be read): JSON, with the security headers. */
    static FullHttpResponse plainError(HttpVersion version, HttpResponseStatus status, String message) {
        Response r = Response.error(status.code(), message);
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(r.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        response.headers().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.headers().set("X-Content-Type-Options", "nosniff");
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        return response;
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            if (msg.decoderResult().isFailure()) { // a request line or headers over the codec's limits
                ctx.writeAndFlush(plainError(msg.protocolVersion(), HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "the request line or its headers are too long (at most 4 KiB and 8 KiB)"))
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
            Map<String, String> headers = new LinkedHashMap<>();
            msg.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue(), (a, b) -> a + "; " + b));
            byte[] body = new byte[msg.content().readableBytes()];
            msg.content().readBytes(body);
            String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                    : ctx.channel().parent() != null && ctx.channel().parent().remoteAddress() instanceof InetSocketAddress p
                    ? p.getAddress().getHostAddress() : "unknown";
            Request request = new Request(msg.method().name(), uri.path(), uri.parameters(), headers, body, remote, Map.of());
            boolean keepAlive = HttpUtil.isKeepAlive(msg);
            HttpVersion version = msg.protocolVersion();
            answering.execute(() -> {
                Response r = router.handle(request);
                if (EventStream.wanted(r)) {
                    ctx.executor().execute(() -> new EventStream(ctx, api, answering, log).start(version, EventStream.securityHeaders()));
                    return;
                }
                FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(r.status()),
                        Unpooled.wrappedBuffer(r.body()));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
                response.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
                response.headers().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.headers().set("X-Content-Type-Options", "nosniff");
                response.headers().set("Referrer-Policy", "no-referrer");
                response.headers().set("X-Frame-Options", "DENY");
                response.headers().set("Strict-Transport-Security", "max-age=31536000");
                if (!r.headers().containsKey("Cache-Control")) {
                    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                }
                r.headers().forEach((k, v) -> response.headers().set(k, v));
                boolean http2 = ctx.channel() instanceof Http2StreamChannel;
                if (http2 || keepAlive) {
                    if (!http2) {
                        HttpUtil.setKeepAlive(response, true);
                    }
                    ctx.writeAndFlush(response);
                } else {
                    // HTTP/1.0, or "Connection: close": the answer, then the end of the connection
                    ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken TLS handshake or a client gone: nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        answering.shutdownNow();
        search.close();
        audit.close();
    }
}
