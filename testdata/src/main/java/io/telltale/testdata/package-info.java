/**
 * Shared test fixtures: the reference pcaps from Zeek's, Suricata's, Arkime's and nDPI's test suites
 * with their ground truth, and helpers to load them. Used at test scope by the other modules.
 */
package io.telltale.testdata;
