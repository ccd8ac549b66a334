package io.telltale.analysis.dissect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.MonitorEvent;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on HTTP: any split of the stream gives the same transactions; chunked and
 * gzip bodies count decoded bytes; pipelined requests pair with their responses in order; a
 * connection picked up mid-stream, or a gap, resumes at the next message start; hostile input throws
 * nothing.
 */
class HttpSessionContractTest {

    static final FlowContext FLOW = new FlowContext(5, true, "10.0.0.1", 50000, "10.0.0.2", 80, false);
    static final FlowContext MID_STREAM = new FlowContext(6, true, "10.0.0.1", 50001, "10.0.0.2", 80, true);

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    /** Feeds each direction's bytes in pieces of at most {@code piece} bytes, alternating directions per message. */
    static List<HttpRecord> run(FlowContext flow, byte[] client, byte[] server, int piece) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = HttpProtocol.SPEC.dissector().get().open(flow);
        feed(session, true, client, piece, out);
        feed(session, false, server, piece, out);
        session.onEnd(9, out::add);
        return out.stream().map(HttpRecord.class::cast).toList();
    }

    static void feed(DissectorSession session, boolean fromOriginator, byte[] bytes, int piece, List<MonitorEvent> out) {
        for (int at = 0; at < bytes.length; at += piece) {
            int n = Math.min(piece, bytes.length - at);
            session.onPayload(1, fromOriginator, MemorySegment.ofArray(bytes), at, n, true, out::add);
        }
    }

    static final byte[] REQUESTS = ascii("GET /a HTTP/1.1\r\nHost: scanner-update.example:8080\r\nUser-Agent: XRay-Agent/4.2\r\n"
            + "Referer: http://portal.example/\r\n\r\n"
            + "POST /upload HTTP/1.1\r\nHost: [2001:db8::7]:8443\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: 11\r\n\r\nhello world");

    static byte[] responses() throws Exception {
        byte[] page = ascii("<html>" + "x".repeat(5000) + "</html>");
        byte[] zipped = gzip(page);
        return concat(ascii("HTTP/1.1 100 Continue\r\n\r\n"),
                ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.length + "\r\n\r\n"), zipped,
                ascii("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nabcde\r\n3\r\nfgh\r\n0\r\n"
                        + "X-Trailer: t\r\n\r\n"));
    }

    @Test
    void pipelinedTransactionsPairInOrderWithDecodedBodyLengths() throws Exception {
        List<HttpRecord> records = run(FLOW, REQUESTS, responses(), Integer.MAX_VALUE);
        assertThat(records).hasSize(2);
        HttpRecord first = records.get(0);
        assertThat(first.depth()).isEqualTo(1);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.host()).isEqualTo("scanner-update.example");
        assertThat(first.userAgent()).isEqualTo("XRay-Agent/4.2");
        assertThat(first.referrer()).isEqualTo("http://portal.example/");
        assertThat(first.infoCode()).isEqualTo(100);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.responseBodyLength()).isEqualTo(5013); // decoded, not the gzip size
        assertThat(first.responseContentType()).isEqualTo("text/html");
        HttpRecord second = records.get(1);
        assertThat(second.depth()).isEqualTo(2);
        assertThat(second.host()).isEqualTo("2001:db8::7");
        assertThat(second.requestBodyLength()).isEqualTo(11);
        assertThat(second.requestContentType()).isEqualTo("application/octet-stream");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.statusMessage()).isEqualTo("Created");
        assertThat(second.responseBodyLength()).isEqualTo(8);
    }

    @Test
    void everySplitOfTheStreamGivesTheSameTransactions() throws Exception {
        List<HttpRecord> whole = run(FLOW, REQUESTS, responses(), Integer.MAX_VALUE);
        for (int piece : new int[] {1, 2, 3, 7, 64, 1000}) {
            assertThat(run(FLOW, REQUESTS, responses(), piece)).as("pieces of %d bytes", piece).isEqualTo(whole);
        }
    }

    @Test
    void aConnectionPickedUpMidStreamResumesAtTheNextMessage() {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = HttpProtocol.SPEC.dissector().get().open(MID_STREAM);
        byte[] tailOfBody = ascii("rest of an earlier response\r\nHTTP/1.1 200 looks like a status line but is body\r\n\r\n");
        session.onPayload(1, false, MemorySegment.ofArray(tailOfBody), 0, tailOfBody.length, true, out::add);
        byte[] request = ascii("GET /next HTTP/1.1\r\nHost: vendor.example\r\n\r\n");
        session.onPayload(2, true, MemorySegment.ofArray(request), 0, request.length, true, out::add);
        byte[] response = ascii("HTTP/1.1 204 No Content\r\n\r\n");
        session.onPayload(3, false, MemorySegment.ofArray(response), 0, response.length, true, out::add);
        session.onEnd(4, out::add);
        assertThat(out).hasSize(1);
        HttpRecord r = (HttpRecord) out.getFirst();
        assertThat(r.uri()).isEqualTo("/next");
        assertThat(r.host()).isEqualTo("vendor.example");
        assertThat(r.statusCode()).isEqualTo(204);
    }

    @Test
    void aGapInsideABodyKeepsTheReaderInStepAndAGapElsewhereResynchronises() {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = HttpProtocol.SPEC.dissector().get().open(FLOW);
        byte[] requests = ascii("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        session.onPayload(1, true, MemorySegment.ofArray(requests), 0, requests.length, true, out::add);
        byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "y".repeat(100));
        session.onPayload(2, false, MemorySegment.ofArray(head), 0, head.length, true, out::add);
        session.onGap(false, 800); // lost inside the body: 100 bytes of it still to come
        byte[] rest = ascii("z".repeat(100) + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        session.onPayload(3, false, MemorySegment.ofArray(rest), 0, rest.length, true, out::add);
        session.onGap(false, 5000); // lost between messages: the reader must wait for a status line
        byte[] middle = ascii("garbage that is not a status line\r\n\r\n");
        session.onPayload(4, false, MemorySegment.ofArray(middle), 0, middle.length, true, out::add);
        byte[] third = ascii("HTTP/1.1 304 Not Modified\r\n\r\n");
        session.onPayload(5, false, MemorySegment.ofArray(third), 0, third.length, true, out::add);
        session.onEnd(6, out::add);
        assertThat(out).extracting(e -> ((HttpRecord) e).uri() + " " + ((HttpRecord) e).statusCode() + " "
                + ((HttpRecord) e).responseBodyLength())
                .containsExactly("/1 200 1000", "/2 404 0", "/3 304 0");
    }

    @Test
    void hostileAndRandomInputThrowsNothingAndIsCounted() {
        DissectorSession session = HttpProtocol.SPEC.dissector().get().open(FLOW);
        List<MonitorEvent> out = new ArrayList<>();
        byte[] hostile = ascii("GET /\u0000<script> HTTP/1.1\r\nHost: evil\u001b[31m.example\r\nContent-Length: -5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n");
        session.onPayload(1, true, MemorySegment.ofArray(hostile), 0, hostile.length, true, out::add);
        byte[] longLine = ascii("HTTP/1.1 200 " + "A".repeat(HttpMessageReader.MAX_LINE + 10) + "\r\n\r\n");
        session.onPayload(2, false, MemorySegment.ofArray(longLine), 0, longLine.length, true, out::add);
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            session.onPayload(3, random.nextBoolean(), MemorySegment.ofArray(junk), 0, junk.length, true, out::add);
        }
        session.onEnd(4, out::add);
        assertThat(session.anomalies()).isGreaterThanOrEqualTo(2);
        assertThat(out).hasSize(1);
        assertThat(((HttpRecord) out.getFirst()).host()).isEqualTo("evil\u001b[31m.example"); // kept as sent; writers escape
    }
}
