package io.telltale.capture.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID v1 (https://github.com/corelight/community-id-spec): a hash of the 5-tuple that
 * Zeek, Suricata and Arkime print alike, so a flow can be found across tools.
 */
public final class CommunityId {

    private final MessageDigest sha1;
    private final int seed;

    /** A hasher for one thread; it keeps its digest, so hashing a flow does not look up a provider. */
    public CommunityId(int seed) {
        this.seed = seed;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** The Community ID of a flow, with this hasher's seed. */
    public String of(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort, int protocol,
                     boolean oneWay, boolean hasPorts) {
        return hash(sha1, seed, srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort, protocol, oneWay, hasPorts);
    }

    /**
     * @param seed the configured seed (0 unless the site chose another)
     * @param oneWay ICMP messages without a counterpart: the tuple is not put in canonical order
     * @param hasPorts TCP, UDP, SCTP, ICMP and ICMPv6 include ports (ICMP type and code) in the hash
     */
    public static String of(int seed, long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort,
                            int protocol, boolean oneWay, boolean hasPorts) {
        return hash(DIGESTS.get(), seed, srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort, protocol, oneWay, hasPorts);
    }

    /** One digest per thread: looking up the provider for every flow would cost more than hashing. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    });

    private static String hash(MessageDigest sha1, int seed, long srcHigh, long srcLow, int srcPort, long dstHigh,
                               long dstLow, int dstPort, int protocol, boolean oneWay, boolean hasPorts) {
        byte[] src = Addresses.bytes(srcHigh, srcLow);
        byte[] dst = Addresses.bytes(dstHigh, dstLow);
        int sp = srcPort;
        int dp = dstPort;
        if (!oneWay) {
            int order = java.util.Arrays.compareUnsigned(src, dst);
            if (order > 0 || (order == 0 && sp > dp)) {
                byte[] t = src;
                src = dst;
                dst = t;
                int p = sp;
                sp = dp;
                dp = p;
            }
        }
        sha1.reset();
        sha1.update((byte) (seed >>> 8));
        sha1.update((byte) seed);
        sha1.update(src);
        sha1.update(dst);
        sha1.update((byte) protocol);
        sha1.update((byte) 0);
        if (hasPorts) {
            sha1.update((byte) (sp >>> 8));
            sha1.update((byte) sp);
            sha1.update((byte) (dp >>> 8));
            sha1.update((byte) dp);
        }
        return "1:" + Base64.getEncoder().encodeToString(sha1.digest());
    }
}
