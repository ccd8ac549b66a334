/**
 * SSH (RFC 4253): the identification banners of both sides and their KEXINIT algorithm lists, with
 * the negotiated algorithms and the HASSH fingerprints of client and server. Everything after the
 * key exchange is encrypted and ignored. Sessions run on the flow's worker and buffer at most one
 * key-exchange packet per direction.
 */
package io.telltale.analysis.dissect.ssh;
