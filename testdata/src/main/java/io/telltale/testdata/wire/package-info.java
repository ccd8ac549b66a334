/**
 * Writing packets, the other way round from {@code capture}: Ethernet, IPv4/IPv6, TCP, UDP and ICMP
 * frames built byte by byte with correct lengths and checksums, TCP connections that keep their
 * sequence numbers, and a pcap file writer. Used by the scenario generator; single-threaded, every
 * object belongs to the conversation that made it.
 */
package io.telltale.testdata.wire;
