/** ICMP tunnels and covert shells: echo traffic that carries data rather than a ping. */
package io.telltale.analysis.detect.icmp;
