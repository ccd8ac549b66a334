/**
 * IPv4 and IPv6 fragment reassembly with hard bounds: datagrams in flight, bytes per datagram,
 * fragments per datagram and time (packet time). Buffers are pooled; nothing is allocated per
 * fragment once the pool is warm. Owned by one decoder, hence one thread.
 */
package io.telltale.capture.decode.fragment;
