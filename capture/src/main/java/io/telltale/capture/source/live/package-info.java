/**
 * Live capture through Java's FFM API: an AF_PACKET TPACKET_V3 ring read with no system call per
 * packet (the Linux default), libpcap's {@code pcap_dispatch} (the portable fallback), BPF filters
 * compiled by libpcap, the kernel's counters, and a capture interface made mute (ARP and IPv6 off) so
 * that a passive monitor never transmits. Every source is owned by one thread, the one that
 * polls it; only {@code close} and the statistics may be called from another. Nothing here allocates
 * per packet: frames are views into the ring (or into libpcap's buffer) valid during the callback.
 */
package io.telltale.capture.source.live;
