/** DNS tunnels and exfiltration: many unique, long, machine-made names under one domain. */
package io.telltale.analysis.detect.dns;
