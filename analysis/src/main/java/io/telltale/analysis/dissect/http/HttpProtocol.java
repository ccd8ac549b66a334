package io.telltale.analysis.dissect.http;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

/** HTTP/1.x, recognised by a request line (or a status line) on any port. */
public final class HttpProtocol {

    public static final FieldSpec HOST = new FieldSpec("http.host", FieldType.NAME, "the Host header of the request");
    public static final FieldSpec METHOD = new FieldSpec("http.method", FieldType.TEXT, "request method");
    public static final FieldSpec URI = new FieldSpec("http.uri", FieldType.TEXT, "request target");
    public static final FieldSpec USER_AGENT = new FieldSpec("http.user_agent", FieldType.TEXT, "the User-Agent header");
    public static final FieldSpec STATUS = new FieldSpec("http.status_code", FieldType.COUNT, "response status code");
    public static final FieldSpec REQUEST_BODY = new FieldSpec("http.request_body_len", FieldType.COUNT, "request body bytes, decoded");
    public static final FieldSpec RESPONSE_BODY = new FieldSpec("http.response_body_len", FieldType.COUNT, "response body bytes, decoded");

    public static final FieldSpec REQUEST_LINE = new FieldSpec("http.request_line", FieldType.TEXT, "the request line as sent");
    public static final FieldSpec REQUEST_HEADERS = new FieldSpec("http.request_headers", FieldType.TEXT,
            "the request's header lines in order (the first 8 KiB)");
    public static final FieldSpec RESPONSE_HEADERS = new FieldSpec("http.response_headers", FieldType.TEXT,
            "the response's header lines in order (the first 8 KiB)");
    public static final FieldSpec REQUEST_BODY_DATA = new FieldSpec("http.request_body", FieldType.TEXT,
            "the first 4 KiB of the request body, decoded");
    public static final FieldSpec RESPONSE_BODY_DATA = new FieldSpec("http.response_body", FieldType.TEXT,
            "the first 4 KiB of the response body, decoded");

    private static final String[] METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ",
        "TRACE ", "PROPFIND ", "PROPPATCH ", "MKCOL ", "COPY ", "MOVE ", "LOCK ", "UNLOCK ", "REPORT ", "SUBSCRIBE "};

    public static final ProtocolSpec SPEC = new ProtocolSpec("http", "http", true, false, true, Set.of(80, 8000, 8080, 8888, 3128),
            HttpProtocol::looksLikeHttp, List.of(HOST, METHOD, URI, USER_AGENT, STATUS, REQUEST_BODY, RESPONSE_BODY, REQUEST_LINE,
                    REQUEST_HEADERS, RESPONSE_HEADERS, REQUEST_BODY_DATA, RESPONSE_BODY_DATA),
            () -> HttpSession::new);

    private HttpProtocol() {
    }

    /** A known method and a space from the client, or {@code HTTP/1.} from the server. */
    static boolean looksLikeHttp(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator) {
        if (!stream) {
            return false;
        }
        if (!fromOriginator) {
            return startsWith(data, offset, length, "HTTP/1.");
        }
        for (String method : METHODS) {
            if (startsWith(data, offset, length, method)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(MemorySegment data, long offset, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data.get(ValueLayout.JAVA_BYTE, offset + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
