/**
 * The sensor's own blind spots as alerts: a capture interface that goes down, and frames the kernel,
 * the interface or the pipeline lost. A gap in what the monitor saw is a gap in the evidence, and
 * an adversary who wants to pass unseen may cause one on purpose, so it goes where every other alert
 * goes — the alert index, the dashboard and the SIEM — with its start and its length.
 */
package io.telltale.analysis.detect.sensor;
