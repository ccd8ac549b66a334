package io.telltale.analysis.dissect.http;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.HttpRecord;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * HTTP state of one connection: requests wait in order for their responses (pipelining keeps the
 * order, RFC 9112 §9.3.2); a transaction is written when its response ends, or when the connection
 * does. Interim 1xx responses are noted on the waiting transaction.
 *
 * <p>A direction whose reader lost its place — the connection was picked up mid-stream, bytes were
 * never captured, or a message could not be framed — skips payload until a delivery starts with a
 * request line (or a status line) again, and reads on from there.
 */
final class HttpSession implements DissectorSession {

    /** Requests waiting for responses; beyond this the oldest is written unanswered. */
    static final int MAX_PENDING = 64;

    private final FlowContext flow;
    private final ArrayDeque<Transaction> waiting = new ArrayDeque<>();
    private final HttpMessageReader requests;
    private final HttpMessageReader responses;
    private EventSink out;
    private long nowNanos;
    private int depth;
    private Transaction request;
    private Transaction response;
    private long anomalies;
    /** Whether each direction was seen from a message start; not so for a connection picked up mid-stream. */
    private boolean requestsStarted;
    private boolean responsesStarted;

    /** One request/response pair under construction. */
    private static final class Transaction {
        long timestampNanos;
        int depth;
        String method;
        String uri;
        String host;
        String referrer;
        String userAgent;
        String origin;
        String requestContentType;
        String responseContentType;
        long requestBodyLength;
        String version;
        int statusCode = -1;
        String statusMessage;
        int infoCode = -1;
        String infoMessage;
        long responseBodyLength = -1;
        // the raw messages, bounded (HttpRecord.Raw)
        String requestLine;
        StringBuilder requestHeaders;
        Prefix requestBody;
        String responseLine;
        StringBuilder responseHeaders;
        Prefix responseBody;
        // framing of the message being read
        long contentLength = -1;
        boolean chunked;
        String contentEncoding;
    }

    /** The first bytes of a body, one char per byte. */
    private static final class Prefix {
        private final StringBuilder text = new StringBuilder();

        int wanted() {
            return HttpRecord.MAX_BODY - text.length();
        }

        void add(MemorySegment data, long offset, int length) {
            int n = Math.min(length, wanted());
            for (int i = 0; i < n; i++) {
                text.append((char) (data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset + i) & 0xff));
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Appends {@code Name: value\r\n} while the block is under its bound. */
    private static StringBuilder header(StringBuilder block, String name, String value) {
        StringBuilder b = block == null ? new StringBuilder(256) : block;
        if (b.length() + name.length() + value.length() + 4 <= HttpRecord.MAX_HEADERS) {
            b.append(name).append(": ").append(value).append("\r\n");
        }
        return b;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    HttpSession(FlowContext flow) {
        this.flow = flow;
        this.requestsStarted = !flow.midStream();
        this.responsesStarted = !flow.midStream();
        this.requests = new HttpMessageReader(new Requests());
        this.responses = new HttpMessageReader(new Responses());
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink sink) {
        this.out = sink;
        this.nowNanos = timestampNanos;
        HttpMessageReader reader = fromOriginator ? requests : responses;
        if (!reader.inStep() || (fromOriginator ? !requestsStarted : !responsesStarted)) {
            if (!HttpProtocol.looksLikeHttp(data, offset, length, true, fromOriginator)) {
                return; // still out of step: this is the middle of some message
            }
            reader.restart();
            if (fromOriginator) {
                requestsStarted = true;
            } else {
                responsesStarted = true;
            }
        }
        reader.feed(data, offset, length);
    }

    @Override
    public void onGap(boolean fromOriginator, long length) {
        if (!(fromOriginator ? requests : responses).skip(length)) {
            anomalies++;
        }
    }

    @Override
    public void onEnd(long timestampNanos, EventSink sink) {
        this.out = sink;
        responses.end();
        for (Transaction t : waiting) {
            emit(t);
        }
        waiting.clear();
    }

    @Override
    public long anomalies() {
        return anomalies + requests.anomalies() + responses.anomalies();
    }

    private void emit(Transaction t) {
        out.accept(new HttpRecord(flow.flowId(), t.timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), t.depth, t.method, t.host, t.uri, t.referrer, t.version,
                t.userAgent, t.origin, t.requestBodyLength, Math.max(0, t.responseBodyLength), t.statusCode,
                t.statusMessage, t.infoCode, t.infoMessage, t.requestContentType, t.responseContentType,
                new HttpRecord.Raw(t.requestLine, text(t.requestHeaders), text(t.requestBody), t.responseLine, text(t.responseHeaders),
                        text(t.responseBody))));
    }

    private final class Requests implements HttpMessageReader.Listener {
        @Override
        public void onStartLine(String line) {
            request = new Transaction();
            request.timestampNanos = nowNanos;
            request.depth = ++depth;
            request.requestLine = line;
            String[] parts = line.split(" ", 3);
            request.method = parts[0];
            request.uri = parts.length > 1 ? parts[1] : null;
            if (parts.length < 3 || !parts[2].startsWith("HTTP/")) {
                anomalies++;
            }
            if (waiting.size() == MAX_PENDING) {
                emit(waiting.removeFirst());
            }
            waiting.addLast(request);
        }

        @Override
        public void onHeader(String name, String value) {
            request.requestHeaders = header(request.requestHeaders, name, value);
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "host" -> request.host = hostWithoutPort(value);
                case "referer" -> request.referrer = value;
                case "user-agent" -> request.userAgent = value;
                case "origin" -> request.origin = value;
                case "content-type" -> request.requestContentType = value;
                case "content-length" -> request.contentLength = parseLength(value);
                case "transfer-encoding" -> request.chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                case "content-encoding" -> request.contentEncoding = value;
                default -> {
                }
            }
        }

        @Override
        public HttpMessageReader.Body onHeadersEnd() {
            requests.contentCoding(request.contentEncoding);
            if (request.chunked) {
                return HttpMessageReader.Body.CHUNKED;
            }
            if (request.contentLength > 0) {
                requests.setBodyLength(request.contentLength);
                return HttpMessageReader.Body.LENGTH;
            }
            return HttpMessageReader.Body.NONE;
        }

        @Override
        public void onMessageEnd(long bodyLength) {
            request.requestBodyLength = bodyLength;
        }

        @Override
        public int bodyWanted() {
            return request == null ? 0 : request.requestBody == null ? HttpRecord.MAX_BODY : request.requestBody.wanted();
        }

        @Override
        public void onBody(MemorySegment data, long offset, int length) {
            if (request.requestBody == null) {
                request.requestBody = new Prefix();
            }
            request.requestBody.add(data, offset, length);
        }
    }

    private final class Responses implements HttpMessageReader.Listener {
        private int status;

        @Override
        public void onStartLine(String line) {
            response = waiting.peekFirst();
            if (response == null) {
                // A response with no request seen (capture started mid-connection): it stands alone.
                response = new Transaction();
                response.timestampNanos = nowNanos;
                response.depth = ++depth;
                waiting.addLast(response);
            }
            String[] parts = line.split(" ", 3);
            status = -1;
            if (parts.length >= 2 && parts[0].startsWith("HTTP/")) {
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    anomalies++;
                }
            } else {
                anomalies++;
            }
            String message = parts.length > 2 ? parts[2] : "";
            if (status < 100 || status >= 200) {
                response.responseLine = line;
                response.responseHeaders = null;
            }
            if (status >= 100 && status < 200) {
                response.infoCode = status;
                response.infoMessage = message;
            } else {
                response.statusCode = status;
                response.statusMessage = message;
                response.version = parts[0].startsWith("HTTP/") ? parts[0].substring(5) : null;
            }
            response.contentLength = -1;
            response.chunked = false;
            response.contentEncoding = null;
        }

        @Override
        public void onHeader(String name, String value) {
            if (status < 100 || status >= 200) {
                response.responseHeaders = header(response.responseHeaders, name, value);
            }
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "content-length" -> response.contentLength = parseLength(value);
                case "content-type" -> response.responseContentType = value;
                case "transfer-encoding" -> response.chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                case "content-encoding" -> response.contentEncoding = value;
                default -> {
                }
            }
        }

        @Override
        public HttpMessageReader.Body onHeadersEnd() {
            responses.contentCoding(response.contentEncoding);
            boolean noBody = (status >= 100 && status < 200) || status == 204 || status == 304
                    || "HEAD".equals(response.method);
            if (noBody) {
                return HttpMessageReader.Body.NONE;
            }
            if (response.chunked) {
                return HttpMessageReader.Body.CHUNKED;
            }
            if (response.contentLength >= 0) {
                responses.setBodyLength(response.contentLength);
                return HttpMessageReader.Body.LENGTH;
            }
            return HttpMessageReader.Body.UNTIL_CLOSE;
        }

        @Override
        public void onMessageEnd(long bodyLength) {
            if (status >= 100 && status < 200) {
                return; // interim: the final response is still to come
            }
            response.responseBodyLength = bodyLength;
            waiting.remove(response);
            emit(response);
            response = null;
        }

        @Override
        public int bodyWanted() {
            return response == null || (status >= 100 && status < 200) ? 0
                    : response.responseBody == null ? HttpRecord.MAX_BODY : response.responseBody.wanted();
        }

        @Override
        public void onBody(MemorySegment data, long offset, int length) {
            if (response.responseBody == null) {
                response.responseBody = new Prefix();
            }
            response.responseBody.add(data, offset, length);
        }
    }

    /**
     * The Host header's name without its port, as Zeek and nDPI log it ({@code example.com:8080} is
     * {@code example.com}); an IPv6 literal loses its brackets too ({@code [2001:db8::1]:80} is
     * {@code 2001:db8::1}), where Zeek's split at the first colon would leave {@code [2001}.
     */
    static String hostWithoutPort(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int colon = value.indexOf(':');
        if (colon < 0 || value.indexOf(':', colon + 1) >= 0) {
            return value; // no port, or a bare IPv6 address
        }
        return value.substring(0, colon);
    }

    private long parseLength(String value) {
        try {
            long n = Long.parseLong(value.trim());
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            anomalies++;
            return -1;
        }
    }
}
