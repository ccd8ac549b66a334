/**
 * QUIC v1 (RFC 9000/9001) and v2 (RFC 9369) client Initial packets: their keys derive from the
 * destination connection id alone, so a passive observer can remove header protection, decrypt them
 * and read the TLS ClientHello carried in their CRYPTO frames — server name, ALPN, JA3, and JA4 with
 * its {@code q} prefix. Everything after the Initials stays encrypted, as it should.
 */
package io.telltale.analysis.dissect.quic;
