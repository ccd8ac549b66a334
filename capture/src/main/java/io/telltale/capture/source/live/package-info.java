/**
 * Live capture through Java's FFM API: an AF_PACKET TPACKET_V3 ring read with no system call per
 * packet (the Linux default), libpcap's {@code pcap_dispatch} (the portable fallback), BPF filters
 * compiled by libpcap, and the kernel's counters. Every source is owned by one thread, the one that
 * polls it; only {@code close} and the statistics may be called from another. Nothing here allocates
 * per packet: frames are views into the ring (or into libpcap's buffer) valid during the callback.
 */
package io.telltale.capture.source.live;
