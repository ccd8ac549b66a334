/**
 * Signatures: the Suricata-compatible rule language, multi-pattern matching and IOC sets, plugged
 * into the analysis pipeline as detectors. Depends on analysis and capture, never on the dashboard.
 */
package io.telltale.signatures;
