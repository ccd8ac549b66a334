/**
 * NTP (RFC 5905) and SNTP: every message's header, as Zeek's ntp.log shows it, and what does not fit
 * NTP — odd lengths, reserved values, bytes after the header that are neither extension fields nor a
 * MAC — since a time protocol that every device is allowed to speak is a favourite covert channel.
 */
package io.telltale.analysis.dissect.ntp;
