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
        String responseContentType) implements ProtocolRecord {
}
