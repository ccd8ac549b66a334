package io.telltale.analysis.event;

import java.util.List;

/**
 * One DNS transaction: a query and the response that answered it, or either alone. Fields follow
 * Zeek's dns.log; -1 and null mean unset.
 *
 * @param tcp true when carried over TCP
 * @param rttNanos time from query to answered response, -1 unless the response carried answers
 * @param query the name asked (or, for a response without its query, the first answer's owner)
 * @param answers answer-section data as Zeek prints it (addresses, names, {@code TXT n text} ...)
 * @param ttlSeconds one TTL per answer
 */
public record DnsRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        boolean tcp,
        int transactionId,
        long rttNanos,
        String query,
        int queryClass,
        int queryType,
        int rcode,
        boolean authoritative,
        boolean truncated,
        boolean recursionDesired,
        boolean recursionAvailable,
        int z,
        List<String> answers,
        List<Long> ttlSeconds,
        boolean rejected,
        int opcode) implements ProtocolRecord {
}
