/**
 * Writers of flow records in formats other tools read: Zeek's conn.log (TSV) and JSON lines. Called
 * on the thread that drains records; each writer is used by one thread. Also the evidence bundle
 * (pcap, records, alert, manifest lines and their hashes) that the CLI and the dashboard export.
 */
package io.telltale.dashboard.output;
