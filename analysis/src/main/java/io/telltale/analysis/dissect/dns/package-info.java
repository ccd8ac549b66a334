/**
 * DNS over UDP and TCP (RFC 1035, with mDNS, LLMNR and NetBIOS name service, which share its wire
 * format): queries paired with responses into transactions that read like Zeek's dns.log. Sessions
 * run on the flow's worker; name decompression is bounded so that pointers cannot loop.
 */
package io.telltale.analysis.dissect.dns;
