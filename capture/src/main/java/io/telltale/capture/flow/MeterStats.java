package io.telltale.capture.flow;

/** Counters of one flow meter (single writer: the worker; read after it stops or as a hint). */
public final class MeterStats {

    long packets;
    long wireBytes;
    long ipPackets;
    long flowsCreated;
    long recordsEmitted;
    long interimRecords;
    long evictions;
    long watchedEvictions;
    long heldFragments;

    public long packets() {
        return packets;
    }

    public long wireBytes() {
        return wireBytes;
    }

    public long ipPackets() {
        return ipPackets;
    }

    public long flowsCreated() {
        return flowsCreated;
    }

    public long recordsEmitted() {
        return recordsEmitted;
    }

    public long interimRecords() {
        return interimRecords;
    }

    public long evictions() {
        return evictions;
    }

    /** Evictions of flows a watched device started: only when a whole eviction window was watched. */
    public long watchedEvictions() {
        return watchedEvictions;
    }

    public long heldFragments() {
        return heldFragments;
    }
}
