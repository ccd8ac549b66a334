/** Beacons: connections from a device to one remote end at a steady rhythm, scored as RITA v5 scores them. */
package io.telltale.analysis.detect.beacon;
