/**
 * Decoding of link, network and transport headers, tunnels included, into one reused
 * {@link io.telltale.capture.decode.DecodedPacket}. Malformed input never throws: it becomes a named
 * {@link io.telltale.capture.decode.DecodeAnomaly} that is counted, as Zeek counts its weirds.
 * One decoder per worker thread.
 */
package io.telltale.capture.decode;
