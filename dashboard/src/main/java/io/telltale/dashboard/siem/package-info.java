/**
 * Alerts into the SIEM (issue 9, {@code ../shared/reference/siem.md}): the message formats (RFC 5424
 * with our structured data, RFC 3164, CEF, LEEF 2.0, and JSON as EVE, ECS or OCSF), a persistent
 * spool per destination that gives an alert up only once it is delivered, the Netty transports
 * (UDP, TCP with either framing, TLS with mutual authentication) that drain it with reconnects and
 * back-off, and the destinations' configuration and metrics. Every string from the wire is escaped
 * for the format it goes into: a hostile SNI can neither break a message nor start a second one.
 */
package io.telltale.dashboard.siem;
