package io.telltale.capture.decode.fragment;

import io.telltale.capture.range.RangeSet;
import java.lang.foreign.MemorySegment;

/**
 * Puts IPv4 and IPv6 fragments back together. A completed datagram is rebuilt in a pooled buffer as
 * an unfragmented IP packet (header first) and handed back to the decoder, which decodes it like any
 * other packet. Every refusal is reported as a {@link Outcome} so that the decoder can count it.
 */
public final class FragmentReassembler {

    /** What happened to a fragment. */
    public enum Outcome { HELD, COMPLETE, OVERLAP_HELD, TOO_LARGE, TABLE_FULL, TOO_MANY_FRAGMENTS, INCONSISTENT }

    private static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    private static final int IPV4_FLAGS_OFFSET = 6;
    private static final int IPV4_CHECKSUM_OFFSET = 10;
    private static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
    private static final int IPV6_NEXT_HEADER_OFFSET = 6;
    private static final int MAX_IPV4_PAYLOAD = 65_535 - 20;

    private final FragmentConfig config;
    private final PendingDatagram[] pool;
    private int allocated;
    private long expiredCount;
    private long lastSweepNanos = Long.MIN_VALUE;
    private PendingDatagram completed;

    public FragmentReassembler(FragmentConfig config) {
        this.config = config;
        this.pool = new PendingDatagram[config.maxDatagrams()];
    }

    /** Datagrams dropped because they stayed incomplete longer than the timeout. */
    public long expiredCount() {
        return expiredCount;
    }

    /** The rebuilt datagram after {@link Outcome#COMPLETE}: IP header at offset 0. */
    public MemorySegment completedSegment() {
        return completed.segment;
    }

    /** Length of the rebuilt datagram after {@link Outcome#COMPLETE}. */
    public int completedLength() {
        return completed.headerLength + completed.payloadLength;
    }

    /** Returns the buffer of the last completed datagram to the pool; call once it has been decoded. */
    public void releaseCompleted() {
        if (completed != null) {
            completed.inUse = false;
            completed = null;
        }
    }

    /**
     * Offers one IPv4 fragment.
     *
     * @param header segment holding the fragment's IP header at {@code headerOffset}
     * @param headerLength IHL in bytes
     * @param payloadOffset first payload byte of the fragment
     * @param payloadLength payload bytes of the fragment (captured and declared)
     * @param fragmentOffset offset of this piece in the datagram, in bytes
     */
    public Outcome offerIpv4(long nowNanos, MemorySegment header, long headerOffset, int headerLength, long srcLow,
                             long dstLow, int identification, int protocol, int fragmentOffset, boolean moreFragments,
                             long payloadOffset, int payloadLength) {
        expire(nowNanos);
        if (fragmentOffset + payloadLength > MAX_IPV4_PAYLOAD) {
            return Outcome.TOO_LARGE;
        }
        PendingDatagram datagram = find(4, 0, srcLow, 0, dstLow, identification, protocol, nowNanos);
        if (datagram == null) {
            return Outcome.TABLE_FULL;
        }
        if (fragmentOffset == 0 && datagram.headerLength == 0) {
            MemorySegment.copy(header, headerOffset, datagram.segment, 0, headerLength);
            datagram.headerLength = headerLength;
        }
        return store(datagram, fragmentOffset, moreFragments, header, payloadOffset, payloadLength);
    }

    /**
     * Offers one IPv6 fragment. The rebuilt datagram keeps the unfragmentable part (the fixed header
     * and the extension headers before the fragment header, as RFC 8200 §4.5 rebuilds it) with the
     * fragment header taken out: the "next header" that pointed at it now names what it carried.
     *
     * @param unfragmentableLength bytes from the IPv6 header to the fragment header
     * @param nextHeaderField offset, from the IPv6 header, of the next-header byte naming the fragment header
     */
    public Outcome offerIpv6(long nowNanos, MemorySegment fixedHeader, long fixedHeaderOffset, int unfragmentableLength,
                             int nextHeaderField, long srcHigh, long srcLow, long dstHigh, long dstLow,
                             int identification, int nextHeader, int fragmentOffset, boolean moreFragments,
                             long payloadOffset, int payloadLength) {
        expire(nowNanos);
        if (fragmentOffset + payloadLength > 65_535) {
            return Outcome.TOO_LARGE;
        }
        PendingDatagram datagram = find(6, srcHigh, srcLow, dstHigh, dstLow, identification, nextHeader, nowNanos);
        if (datagram == null) {
            return Outcome.TABLE_FULL;
        }
        if (datagram.headerLength == 0) {
            boolean keepAll = unfragmentableLength <= PAYLOAD_BASE;
            int length = keepAll ? unfragmentableLength : 40;
            MemorySegment.copy(fixedHeader, fixedHeaderOffset, datagram.segment, 0, length);
            datagram.buffer[keepAll ? nextHeaderField : IPV6_NEXT_HEADER_OFFSET] = (byte) nextHeader;
            datagram.headerLength = length;
        }
        return store(datagram, fragmentOffset, moreFragments, fixedHeader, payloadOffset, payloadLength);
    }

    private Outcome store(PendingDatagram datagram, int fragmentOffset, boolean moreFragments, MemorySegment source,
                          long payloadOffset, int payloadLength) {
        int end = fragmentOffset + payloadLength;
        if (!moreFragments) {
            if (datagram.payloadLength >= 0 && datagram.payloadLength != end) {
                return Outcome.INCONSISTENT;
            }
            datagram.payloadLength = end;
        } else if (datagram.payloadLength >= 0 && end > datagram.payloadLength) {
            return Outcome.INCONSISTENT;
        }
        if (payloadLength == 0) {
            return completeOr(datagram, Outcome.HELD);
        }
        int added = datagram.received.add(fragmentOffset, end);
        if (added == RangeSet.FULL) {
            drop(datagram);
            return Outcome.TOO_MANY_FRAGMENTS;
        }
        boolean clean = added == RangeSet.ADDED;
        // Payload is staged after a header slot so that fragment 0 may arrive last. On overlap the newer
        // copy overwrites the older one, as Linux does; the overlap itself is counted by the caller.
        MemorySegment.copy(source, payloadOffset, datagram.segment, PAYLOAD_BASE + fragmentOffset, payloadLength);
        return completeOr(datagram, clean ? Outcome.HELD : Outcome.OVERLAP_HELD);
    }

    /** Payload bytes are staged at this offset; the header is moved in front of them on completion. */
    static final int PAYLOAD_BASE = 256;

    private Outcome completeOr(PendingDatagram datagram, Outcome otherwise) {
        if (datagram.complete()) {
            if (datagram.ipVersion == 4) {
                finishIpv4(datagram);
            } else {
                finishIpv6(datagram);
            }
            completed = datagram;
            return Outcome.COMPLETE;
        }
        return otherwise;
    }

    private void finishIpv4(PendingDatagram datagram) {
        int header = datagram.headerLength;
        System.arraycopy(datagram.buffer, PAYLOAD_BASE, datagram.buffer, header, datagram.payloadLength);
        int total = header + datagram.payloadLength;
        datagram.buffer[IPV4_TOTAL_LENGTH_OFFSET] = (byte) (total >>> 8);
        datagram.buffer[IPV4_TOTAL_LENGTH_OFFSET + 1] = (byte) total;
        datagram.buffer[IPV4_FLAGS_OFFSET] &= 0x40;
        datagram.buffer[IPV4_FLAGS_OFFSET + 1] = 0;
        datagram.buffer[IPV4_CHECKSUM_OFFSET] = 0;
        datagram.buffer[IPV4_CHECKSUM_OFFSET + 1] = 0;
    }

    private void finishIpv6(PendingDatagram datagram) {
        int header = datagram.headerLength;
        System.arraycopy(datagram.buffer, PAYLOAD_BASE, datagram.buffer, header, datagram.payloadLength);
        int ipv6Payload = header - 40 + datagram.payloadLength;
        datagram.buffer[IPV6_PAYLOAD_LENGTH_OFFSET] = (byte) (ipv6Payload >>> 8);
        datagram.buffer[IPV6_PAYLOAD_LENGTH_OFFSET + 1] = (byte) ipv6Payload;
    }

    private PendingDatagram find(int version, long srcHigh, long srcLow, long dstHigh, long dstLow, int identification,
                                 int protocol, long nowNanos) {
        PendingDatagram free = null;
        for (int i = 0; i < allocated; i++) {
            PendingDatagram candidate = pool[i];
            if (candidate.matches(version, srcHigh, srcLow, dstHigh, dstLow, identification, protocol)) {
                return candidate;
            }
            if (!candidate.inUse && free == null) {
                free = candidate;
            }
        }
        if (free == null) {
            if (allocated == pool.length) {
                return null;
            }
            free = new PendingDatagram(config.maxFragmentsPerDatagram());
            pool[allocated++] = free;
        }
        free.start(version, srcHigh, srcLow, dstHigh, dstLow, identification, protocol, nowNanos);
        return free;
    }

    private void expire(long nowNanos) {
        if (nowNanos - lastSweepNanos < 1_000_000_000L && lastSweepNanos != Long.MIN_VALUE) {
            return;
        }
        lastSweepNanos = nowNanos;
        for (int i = 0; i < allocated; i++) {
            PendingDatagram datagram = pool[i];
            if (datagram.inUse && datagram != completed && nowNanos - datagram.firstSeenNanos > config.timeoutNanos()) {
                drop(datagram);
                expiredCount++;
            }
        }
    }

    private static void drop(PendingDatagram datagram) {
        datagram.inUse = false;
    }
}
