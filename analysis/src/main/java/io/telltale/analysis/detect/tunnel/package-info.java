/** IPv6 transition tunnels out of an IPv4-only scanner network. */
package io.telltale.analysis.detect.tunnel;
