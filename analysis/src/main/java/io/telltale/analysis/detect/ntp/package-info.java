/** NTP as a covert channel: messages that are not NTP, and data in the timestamps' low bits. */
package io.telltale.analysis.detect.ntp;
