package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.testdata.payload.Tls;
import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.Link;
import io.telltale.testdata.wire.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A TLS handshake split into one-byte records, as an evasion or a flood: the hello is put back
 * together across 300-odd records and its server name read; a handshake that announces 16 MiB and then
 * trickles in one-byte records for ever holds no more than the dissector's bound, however long it
 * goes on.
 */
class OneByteRecordsTest {

    @Test
    void aHelloInOneByteRecordsIsReadWhole() throws Exception {
        byte[] record = Tls.clientHello(Tls.Client.EMBEDDED_OPENSSL, "status.vendor-telemetry.example", List.of("http/1.1"),
                new Random(2));
        List<MonitorEvent> events = run(oneByteRecords(java.util.Arrays.copyOfRange(record, 5, record.length)));
        assertThat(events).anyMatch(e -> e instanceof TlsRecord t && "status.vendor-telemetry.example".equals(t.serverName()));
    }

    @Test
    void anEndlessHandshakeInOneByteRecordsStaysWithinItsBound() throws Exception {
        // a ClientHello header announcing 16 MiB, then 8 MiB of it in one-byte records (each 6 bytes on the wire),
        // fed as it is made; the heap is measured while the connection is still open
        Link link = link();
        List<Frame> frames = new ArrayList<>();
        TcpConnection c = new TcpConnection(link, frames, new Random(1), 50001, 443, 1_772_500_000_000_000_000L, 100_000L, 0).open();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS.withMaxFlows(64), BuiltInProtocols.ALL, e -> { });
        c.clientSends(oneByteRecords(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
        feed(pipeline, frames);
        long before = heapAfterGc();
        byte[] zeros = oneByteRecords(new byte[1398 / 6]);
        for (long sent = 0; sent < 8 << 20; sent += zeros.length / 6) {
            c.clientSends(zeros);
            feed(pipeline, frames);
        }
        long after = heapAfterGc();
        assertThat(after - before).as("heap the open connection holds after 8 MiB of one-byte records (bound %d KiB)",
                TlsSession.MAX_HANDSHAKE >> 10).isLessThan(4L << 20);
        c.close(true);
        feed(pipeline, frames);
        pipeline.finish();
    }

    static void feed(AnalysisPipeline pipeline, List<Frame> frames) {
        for (Frame f : frames) {
            pipeline.onPacket(f.timestampNanos(), f.bytes().length, MemorySegment.ofArray(f.bytes()), 0, f.bytes().length, 1);
        }
        frames.clear();
    }

    static Link link() throws Exception {
        return new Link(new byte[] {0, 0x0b, (byte) 0xab, 0x5c, 0x11, 0x01}, new byte[] {0, 0x1b, 0x21, 0, 0, 1},
                InetAddress.getByName("10.20.30.11"), InetAddress.getByName("203.0.113.45"), 64, 52, -1, 100);
    }

    /** The bytes as a stream of one-byte handshake records (type 22, TLS 1.2). */
    static byte[] oneByteRecords(byte[] handshake) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : handshake) {
            out.writeBytes(new byte[] {22, 3, 3, 0, 1, b});
        }
        return out.toByteArray();
    }

    /** A TCP connection to port 443 carrying the bytes, read by the whole pipeline; its events. */
    static List<MonitorEvent> run(byte[] bytes) throws Exception {
        List<Frame> frames = new ArrayList<>();
        TcpConnection c = new TcpConnection(link(), frames, new Random(1), 50000, 443, 1_772_500_000_000_000_000L, 100_000L, 0).open();
        c.clientSends(bytes);
        c.close(true);
        List<MonitorEvent> events = new ArrayList<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS.withMaxFlows(64), BuiltInProtocols.ALL, events::add);
        feed(pipeline, frames);
        pipeline.finish();
        return events;
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
