package io.telltale.analysis.event;

/**
 * One HTTP request and its response, as Zeek's http.log shows it. Null or -1 means not seen.
 *
 * @param depth the transaction's position in its connection, from 1
 * @param version the response's protocol version ({@code 1.1}), as Zeek logs it
 * @param requestBodyLength request body bytes after transfer and content decoding
 * @param infoCode the last 1xx interim response code, if any
 * @param requestContentType the request's Content-Type header (what an upload claims to be)
 * @param responseContentType the response's Content-Type header
 * @param raw the messages' start lines, headers and first body bytes, for signatures; null when not kept
 */
public record HttpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int depth,
        String method,
        String host,
        String uri,
        String referrer,
        String version,
        String userAgent,
        String origin,
        long requestBodyLength,
        long responseBodyLength,
        int statusCode,
        String statusMessage,
        int infoCode,
        String infoMessage,
        String requestContentType,
        String responseContentType,
        Raw raw) implements ProtocolRecord {

    /** Header block and body bytes kept per message, at most: evidence for rules, not a copy of the traffic. */
    public static final int MAX_HEADERS = 8 * 1024;
    public static final int MAX_BODY = 4 * 1024;

    /**
     * The messages as sent, bounded: start lines, header blocks ({@code Name: value\r\n} each, in
     * order, at most {@link #MAX_HEADERS}), and the first {@link #MAX_BODY} body bytes after transfer
     * and content decoding, one char per byte (ISO-8859-1). Null parts were not seen.
     */
    public record Raw(String requestLine, String requestHeaders, String requestBody, String responseLine, String responseHeaders,
                      String responseBody) {
    }

    /** A transaction without its raw messages. */
    public HttpRecord(long flowId, long timestampNanos, String originatorHost, int originatorPort, String responderHost,
                      int responderPort, int depth, String method, String host, String uri, String referrer, String version,
                      String userAgent, String origin, long requestBodyLength, long responseBodyLength, int statusCode,
                      String statusMessage, int infoCode, String infoMessage, String requestContentType,
                      String responseContentType) {
        this(flowId, timestampNanos, originatorHost, originatorPort, responderHost, responderPort, depth, method, host, uri, referrer,
                version, userAgent, origin, requestBodyLength, responseBodyLength, statusCode, statusMessage, infoCode, infoMessage,
                requestContentType, responseContentType, null);
    }
}
