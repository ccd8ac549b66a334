package io.telltale.dashboard.siem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drains one destination's spool over its transport, on the shared event loop.
 *
 * <p>Delivery is confirmed, not assumed (siem.md §1.7: a write to a receiver that has just died
 * still "succeeds"). A batch written on TCP or TLS is committed in the spool only when its write
 * completed, the connection has stayed up for the confirmation period since, and the receiver's TCP
 * has acknowledged every byte written; a connection lost before that rewinds to the last commit and
 * sends again. So a crash of the receiver, the network, or our own process costs duplicates (the
 * alert ids let the SIEM drop them), never a gap. UDP has no way to know: a datagram counts as sent
 * when the kernel took it.
 *
 * <p>Lost connections are retried with exponential back-off (half a second doubling to thirty, with
 * jitter so a fleet does not reconnect in step). A TLS connection closed right after its handshake is
 * said to be a refused client certificate, which is what TLS 1.3 receivers do (siem.md §1.5).
 */
final class SyslogSender {

    private static final long INITIAL_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long TICK_MS = 100;
    private static final int BATCH_ENTRIES = 512;
    private static final int BATCH_BYTES = 256 << 10;

    private record Written(DiskSpool.Position next, int entries, long bytes, long writtenNanos, long oldestSpooledMillis) {
    }

    private final SyslogDestination destination;
    private final DiskSpool spool;
    private final SiemTransports transports;
    private final SslContext ssl;
    private final EventLoop loop;
    private final Consumer<String> log;
    private final ArrayDeque<Written> unconfirmed = new ArrayDeque<>();
    private final Counter sent;
    private final Counter reconnects;
    private final Timer latency;
    private Channel channel;
    private boolean ready;
    private boolean closing;
    private DiskSpool.Position sendCursor;
    private long backoffMs = INITIAL_BACKOFF_MS;
    private int failuresSinceUp;
    private long handshakeNanos;
    private ScheduledFuture<?> ticker;
    private volatile boolean connected;

    SyslogSender(SyslogDestination destination, DiskSpool spool, SiemTransports transports, SslContext ssl,
                 MeterRegistry registry, Consumer<String> log) {
        this.destination = destination;
        this.spool = spool;
        this.transports = transports;
        this.ssl = ssl;
        this.loop = transports.group().next();
        this.log = m -> log.accept("siem " + destination.name() + ": " + m);
        String[] tags = {"destination", destination.name(), "format", destination.formatName()};
        sent = Counter.builder("telltale.siem.events.sent").description("alerts delivered to the SIEM").tags(tags).register(registry);
        reconnects = Counter.builder("telltale.siem.reconnects").description("connections to the SIEM lost or refused")
                .tags(tags).register(registry);
        latency = Timer.builder("telltale.siem.send.latency").description("from spooling an alert to its confirmed delivery")
                .tags(tags).register(registry);
        Gauge.builder("telltale.siem.connection.up", this, s -> s.connected ? 1 : 0).tags(tags).register(registry);
        sendCursor = spool.committed();
    }

    void start() {
        loop.execute(() -> {
            ticker = loop.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
            connect();
        });
    }

    /** Something was spooled: send it if the connection is up. */
    void wake() {
        loop.execute(this::pump);
    }

    boolean connected() {
        return connected;
    }

    private void connect() {
        if (closing) {
            return;
        }
        Bootstrap b = new Bootstrap().group(loop).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        boolean datagram = destination.transport() == SyslogDestination.Transport.UDP;
        if (datagram) {
            b.channel(transports.datagramChannel());
        } else {
            b.channel(transports.streamChannel()).option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20));
        }
        b.handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    String name = destination.tls().serverName() != null ? destination.tls().serverName() : destination.host();
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), name, destination.port()));
                }
                ch.pipeline().addLast(new Watcher());
            }
        });
        ChannelFuture f = b.connect(new InetSocketAddress(destination.host(), destination.port()));
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                lost("cannot connect to " + destination.host() + ":" + destination.port() + ": " + reason(done.cause()));
                return;
            }
            if (ssl == null) {
                up(datagram ? "UDP" : "TCP");
                return;
            }
            f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(hs -> {
                if (hs.isSuccess()) {
                    handshakeNanos = System.nanoTime();
                    up(f.channel().pipeline().get(SslHandler.class).engine().getSession().getProtocol());
                } else {
                    lost("TLS handshake with " + destination.host() + ":" + destination.port() + " failed: " + reason(hs.cause()));
                }
            });
        });
    }

    private void up(String how) {
        ready = true;
        connected = true;
        sendCursor = spool.committed();
        if (failuresSinceUp > 0 || spool.pendingEntries() > 0) {
            log.accept("connected to " + destination.host() + ":" + destination.port() + " over " + how + "; "
                    + spool.pendingEntries() + " alerts wait in the spool");
        }
        failuresSinceUp = 0;
        pump();
    }

    /** The connection is gone (or never came): rewind to what was confirmed and try again later. */
    private void lost(String why) {
        boolean wasReady = ready;
        ready = false;
        connected = false;
        if (channel != null) {
            channel.close();
            channel = null;
        }
        int unsure = 0;
        for (Written w : unconfirmed) {
            unsure += w.entries();
        }
        unconfirmed.clear();
        sendCursor = spool.committed();
        if (closing) {
            return;
        }
        reconnects.increment();
        failuresSinceUp++;
        if (wasReady && handshakeNanos != 0 && System.nanoTime() - handshakeNanos < 2_000_000_000L) {
            why += " right after the TLS handshake: the receiver may not accept our client certificate";
        }
        long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 5 + 1) - backoffMs / 10;
        // the first failure, then every tenth, so a long outage does not fill the log
        if (failuresSinceUp == 1 || failuresSinceUp % 10 == 0) {
            long waiting = spool.pendingEntries();
            log.accept(why + (unsure > 0 ? "; " + unsure + " alerts written but not confirmed will be sent again" : "")
                    + (waiting > 0 ? "; " + waiting + " wait in the spool" : "") + "; retrying in " + delay + " ms"
                    + (failuresSinceUp > 1 ? " (attempt " + failuresSinceUp + ")" : ""));
        }
        handshakeNanos = 0;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void pump() {
        Channel ch = channel;
        if (!ready || ch == null || !ch.isActive()) {
            return;
        }
        while (ch.isWritable()) {
            List<DiskSpool.Entry> batch;
            try {
                batch = spool.read(sendCursor, BATCH_ENTRIES, BATCH_BYTES);
            } catch (IOException e) {
                log.accept("cannot read the spool " + spool.directory() + ": " + e.getMessage());
                return;
            }
            if (batch.isEmpty()) {
                return;
            }
            long bytes = 0;
            long oldest = Long.MAX_VALUE;
            ChannelPromise last = null;
            for (int i = 0; i < batch.size(); i++) {
                DiskSpool.Entry e = batch.get(i);
                bytes += e.message().length;
                oldest = Math.min(oldest, e.spooledMillis());
                ByteBuf frame = frame(ch, e.message());
                if (i == batch.size() - 1) {
                    last = ch.newPromise();
                    ch.write(frame, last);
                } else {
                    ch.write(frame, ch.voidPromise());
                }
            }
            ch.flush();
            DiskSpool.Entry end = batch.getLast();
            sendCursor = end.next();
            Written w = new Written(end.next(), batch.size(), bytes, System.nanoTime(), oldest);
            last.addListener(done -> {
                if (done.isSuccess() && ch == channel) {
                    unconfirmed.add(w);
                    if (destination.transport() == SyslogDestination.Transport.UDP) {
                        confirm();
                    }
                } else if (!done.isSuccess()) {
                    ch.close();
                }
            });
        }
    }

    private ByteBuf frame(Channel ch, byte[] message) {
        if (destination.transport() == SyslogDestination.Transport.UDP) {
            return ch.alloc().buffer(message.length).writeBytes(message);
        }
        if (destination.framing() == SyslogDestination.Framing.LF) {
            return ch.alloc().buffer(message.length + 1).writeBytes(message).writeByte('\n');
        }
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII); // RFC 6587 §3.4.1: octets, not characters
        return ch.alloc().buffer(length.length + message.length).writeBytes(length).writeBytes(message);
    }

    private void tick() {
        if (ready) {
            confirm();
            pump();
        }
    }

    /** Commits the written batches that have stood long enough on a connection whose peer acknowledged everything. */
    private void confirm() {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
        boolean udp = destination.transport() == SyslogDestination.Transport.UDP;
        long now = System.nanoTime();
        Written w;
        while ((w = unconfirmed.peek()) != null) {
            if (!udp && (now - w.writtenNanos() < destination.confirmAfter().toNanos() || !SiemTransports.peerAckedAll(ch))) {
                return;
            }
            unconfirmed.poll();
            try {
                spool.commit(w.next(), w.entries(), w.bytes());
            } catch (IOException e) {
                log.accept("cannot record delivery in " + spool.directory() + ": " + e.getMessage()
                        + " (the alerts will be sent again after a restart)");
            }
            sent.increment(w.entries());
            latency.record(Math.max(0, System.currentTimeMillis() - w.oldestSpooledMillis()), TimeUnit.MILLISECONDS);
            backoffMs = INITIAL_BACKOFF_MS;
        }
    }

    /**
     * Waits up to {@code timeout} for the spool to empty, then closes the connection (TLS with a
     * close_notify, RFC 5425 §4.4). What is still spooled stays for the next start.
     */
    boolean close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.pendingEntries() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        CountDownLatch closed = new CountDownLatch(1);
        loop.execute(() -> {
            closing = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            Channel ch = channel;
            channel = null;
            ready = false;
            connected = false;
            if (ch == null) {
                closed.countDown();
                return;
            }
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls != null && ch.isActive()) {
                tls.closeOutbound().addListener(x -> ch.close().addListener(y -> closed.countDown()));
            } else {
                ch.close().addListener(y -> closed.countDown());
            }
        });
        try {
            closed.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return spool.pendingEntries() == 0;
    }

    private static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Receivers send nothing; anything inbound is the end, an alert, or noise to release. */
    private final class Watcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                lost("the connection to " + destination.host() + ":" + destination.port() + " was closed");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() != channel) {
                return;
            }
            if (destination.transport() == SyslogDestination.Transport.UDP) {
                return; // an ICMP "port unreachable" for an earlier datagram: UDP cannot know more, nor do better
            }
            lost("the connection to " + destination.host() + ":" + destination.port() + " failed: " + reason(cause));
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump();
        }
    }
}
