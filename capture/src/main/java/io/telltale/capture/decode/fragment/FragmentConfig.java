package io.telltale.capture.decode.fragment;

/**
 * Bounds of the fragment reassembler.
 *
 * @param maxDatagrams datagrams being reassembled at once; more are refused and counted
 * @param timeoutNanos an incomplete datagram older than this (packet time) is dropped and counted
 * @param maxFragmentsPerDatagram bound on the pieces of one datagram (defeats tiny-fragment floods)
 */
public record FragmentConfig(int maxDatagrams, long timeoutNanos, int maxFragmentsPerDatagram) {

    public static final FragmentConfig DEFAULTS = new FragmentConfig(1024, 30_000_000_000L, 128);

    public FragmentConfig {
        if (maxDatagrams < 1 || timeoutNanos < 1 || maxFragmentsPerDatagram < 2) {
            throw new IllegalArgumentException("fragment bounds must be positive: " + maxDatagrams + ", "
                    + timeoutNanos + ", " + maxFragmentsPerDatagram);
        }
    }
}
