/**
 * TLS over TCP: ClientHello and ServerHello, reassembled across records and segments, with the server
 * name, ALPN, versions, and the JA3, JA3S and JA4 fingerprints computed as their authors define them
 * (GREASE ignored). Certificates and QUIC come later. Sessions run on the flow's worker and buffer at
 * most one handshake message per direction.
 */
package io.telltale.analysis.dissect.tls;
