/**
 * DHCPv4 (RFC 2131, options RFC 2132): each message with its type, client hardware address, the
 * addresses asked for and handed out, host name, vendor class and parameter request list — the last
 * two together fingerprint a device's DHCP client.
 */
package io.telltale.analysis.dissect.dhcp;
