package io.telltale.analysis.detect.content;

import io.telltale.analysis.content.SensitiveContent;
import io.telltale.analysis.content.SensitiveKind;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.detect.dns.RegistrableDomains;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.ProtocolRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Data smuggled out in DNS names, put back together: per device and registrable domain, the labels
 * that are Base32 or hex text are decoded in the order asked and the bytes searched for passenger
 * and biometric data. A PAXLST cut into 32-byte Base32 labels, one query a minute, is just as much a
 * passenger list once joined.
 */
public final class DnsPayloadDetector implements Detector {

    static final int MAX_BYTES = 16 * 1024;
    static final int MAX_PAIRS = 4096;
    private static final int OVERLAP = 64;

    /** What came out of one device's names under one domain. */
    private static final class Joined {
        byte[] bytes = new byte[256]; // grows to MAX_BYTES as labels come: most domains send one or two
        int length;
        String lastName;
        boolean reported;
        long firstFlow;
    }

    private final Map<String, Joined> joined = new HashMap<>();

    @Override
    public String name() {
        return "dns-payload";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (!(record instanceof DnsRecord q) || q.query() == null || q.query().length() < 20) {
            return;
        }
        String name = q.query().toLowerCase(java.util.Locale.ROOT);
        String domain = RegistrableDomains.of(name);
        if (domain == null || name.length() <= domain.length() + 16) {
            return;
        }
        String key = q.originatorHost() + "|" + domain;
        Joined j = joined.get(key);
        if (j == null) {
            if (joined.size() >= MAX_PAIRS) {
                return;
            }
            j = new Joined();
            j.firstFlow = q.flowId();
            joined.put(key, j);
        }
        if (j.reported || j.length >= MAX_BYTES || name.equals(j.lastName)) {
            return;
        }
        j.lastName = name;
        int before = j.length;
        for (String label : name.substring(0, name.length() - domain.length() - 1).split("\\.")) {
            if (label.length() >= 16) {
                if (j.bytes.length - j.length < label.length() && j.bytes.length < MAX_BYTES) {
                    j.bytes = java.util.Arrays.copyOf(j.bytes, Math.min(MAX_BYTES, Math.max(j.bytes.length * 2, j.length + label.length())));
                }
                j.length = decode(label, j.bytes, j.length);
            }
        }
        if (j.length == before) {
            return;
        }
        Set<SensitiveKind> kinds = SensitiveContent.find(j.bytes, Math.max(0, before - OVERLAP), j.length);
        if (!kinds.isEmpty()) {
            j.reported = true;
            String what = kinds.stream().map(SensitiveKind::description).collect(Collectors.joining(", "));
            out.accept(new Finding(q.timestampNanos(), Category.CLEARTEXT_SENSITIVE_DATA, Severity.HIGH,
                    "Sensitive data (" + what + ") hidden in DNS names under " + domain,
                    q.originatorHost() + " asked names under " + domain + " whose labels, decoded and joined in the order asked ("
                            + j.length + " bytes so far), hold a " + what + ": the data leaves through the resolver "
                            + q.responderHost() + " to whoever answers for " + domain + ".",
                    q.originatorHost(), q.responderHost(), domain, List.of("T1048.003", "T1071.004"),
                    List.of(j.firstFlow, q.flowId()), -1));
        }
    }

    /** Appends the label's bytes (hex when it is all hex digits of even length, else Base32); returns the new length. */
    static int decode(String label, byte[] into, int at) {
        boolean hex = label.length() % 2 == 0 && label.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (hex) {
            for (int i = 0; i + 1 < label.length() && at < into.length; i += 2) {
                into[at++] = (byte) Integer.parseInt(label, i, i + 2, 16);
            }
            return at;
        }
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < label.length() && at < into.length; i++) {
            char c = label.charAt(i);
            int v = c >= 'a' && c <= 'z' ? c - 'a' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                return at; // not Base32 from here on
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                into[at++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return at;
    }
}
