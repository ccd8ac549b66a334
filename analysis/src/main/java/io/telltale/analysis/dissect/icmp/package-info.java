/**
 * ICMP and ICMPv6 flows: type, code, echo identifier and sequences, and whether echo replies carry
 * back their requests' data — the simplest tell of an ICMP tunnel.
 */
package io.telltale.analysis.dissect.icmp;
