/**
 * Sinks that feed other systems with everything Telltale records: JSON-lines files rotated by size
 * and age for log forwarders (Filebeat, Fluent Bit, a Splunk forwarder), and Kafka topics for a
 * fleet of sites feeding a central SOC. Both carry flow records, protocol records and alerts in
 * the same JSON as the log files ({@link io.telltale.dashboard.output.EventJson}).
 */
package io.telltale.dashboard.sink;
