package io.telltale.capture.flow;

import io.telltale.capture.decode.fragment.FragmentConfig;

/**
 * Settings of the flow meter. Defaults are Zeek's, so that records agree with Zeek's conn.log.
 *
 * @param maxFlows hard cap on live flows per worker; beyond it the least recently active is evicted
 * @param tcpIdleNanos idle timeout of an established TCP connection (Zeek: 5 min)
 * @param handshakeIdleNanos idle timeout of a TCP connection still in its handshake, of UDP, ICMP and
 *     other flows (Zeek: 1 min)
 * @param tcpCloseLingerNanos a TCP connection ends this long after its close (Zeek's tcp_close_delay)
 * @param tcpAttemptNanos an unanswered SYN ends the connection attempt after this (tcp_attempt_delay)
 * @param activeTimeoutNanos a flow active this long gets an interim record, then again every period;
 *     0 disables interim records
 * @param reassemblyWindowBytes out-of-order bytes buffered per direction (a power of two)
 * @param reassemblyBuffers total out-of-order buffers per worker
 * @param verifyChecksums check IPv4, TCP, UDP and ICMP checksums as Zeek does by default: a TCP or
 *     ICMP segment that fails is not counted, a UDP datagram is counted but carries no data, and the
 *     history gets {@code C}/{@code c}. Off by default, because captures taken on a sending host carry
 *     checksums left for the NIC to fill (Zeek's {@code -C})
 * @param watched the networks of the devices the policy names: a flow one of them started is evicted
 *     only when no other flow in the eviction window can be (a flood of unknown sources must not push
 *     out what the monitor is there to watch)
 */
public record FlowConfig(
        int maxFlows,
        long tcpIdleNanos,
        long handshakeIdleNanos,
        long tcpCloseLingerNanos,
        long tcpAttemptNanos,
        long activeTimeoutNanos,
        int reassemblyWindowBytes,
        int reassemblyBuffers,
        LocalNetworks localNetworks,
        ServerPorts serverPorts,
        int communityIdSeed,
        FragmentConfig fragments,
        boolean verifyChecksums,
        LocalNetworks watched) {

    private static final long SECOND = 1_000_000_000L;

    public static final FlowConfig DEFAULTS = new FlowConfig(
            1 << 20, 300 * SECOND, 60 * SECOND, 5 * SECOND, 5 * SECOND, 0,
            1 << 16, 4096, LocalNetworks.ZEEK_DEFAULT, ServerPorts.ZEEK_DEFAULT, 0, FragmentConfig.DEFAULTS, false,
            LocalNetworks.NONE);

    public FlowConfig {
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be positive: " + maxFlows);
        }
        if (tcpIdleNanos <= 0 || handshakeIdleNanos <= 0 || tcpCloseLingerNanos < 0 || tcpAttemptNanos <= 0
                || activeTimeoutNanos < 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public FlowConfig withMaxFlows(int value) {
        return new FlowConfig(value, tcpIdleNanos, handshakeIdleNanos, tcpCloseLingerNanos, tcpAttemptNanos,
                activeTimeoutNanos, reassemblyWindowBytes, reassemblyBuffers, localNetworks, serverPorts,
                communityIdSeed, fragments, verifyChecksums, watched);
    }

    public FlowConfig withLocalNetworks(LocalNetworks value) {
        return new FlowConfig(maxFlows, tcpIdleNanos, handshakeIdleNanos, tcpCloseLingerNanos, tcpAttemptNanos,
                activeTimeoutNanos, reassemblyWindowBytes, reassemblyBuffers, value, serverPorts, communityIdSeed,
                fragments, verifyChecksums, watched);
    }

    public FlowConfig withCommunityIdSeed(int value) {
        return new FlowConfig(maxFlows, tcpIdleNanos, handshakeIdleNanos, tcpCloseLingerNanos, tcpAttemptNanos,
                activeTimeoutNanos, reassemblyWindowBytes, reassemblyBuffers, localNetworks, serverPorts, value,
                fragments, verifyChecksums, watched);
    }

    public FlowConfig withVerifyChecksums(boolean value) {
        return new FlowConfig(maxFlows, tcpIdleNanos, handshakeIdleNanos, tcpCloseLingerNanos, tcpAttemptNanos,
                activeTimeoutNanos, reassemblyWindowBytes, reassemblyBuffers, localNetworks, serverPorts,
                communityIdSeed, fragments, value, watched);
    }

    public FlowConfig withWatched(LocalNetworks value) {
        return new FlowConfig(maxFlows, tcpIdleNanos, handshakeIdleNanos, tcpCloseLingerNanos, tcpAttemptNanos,
                activeTimeoutNanos, reassemblyWindowBytes, reassemblyBuffers, localNetworks, serverPorts, communityIdSeed,
                fragments, verifyChecksums, value);
    }

    public FlowConfig withActiveTimeoutNanos(long value) {
        return new FlowConfig(maxFlows, tcpIdleNanos, handshakeIdleNanos, tcpCloseLingerNanos, tcpAttemptNanos,
                value, reassemblyWindowBytes, reassemblyBuffers, localNetworks, serverPorts, communityIdSeed,
                fragments, verifyChecksums, watched);
    }
}
