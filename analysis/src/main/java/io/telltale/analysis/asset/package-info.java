/**
 * The asset inventory, built passively from what the monitor reads: every site address, its MAC and
 * DHCP identity (host name, vendor class, parameter request list), DICOM AE titles, the services it
 * offers, its policy groups, when it was first and last seen, and its traffic. Fed on the thread
 * that drains the events, like the detectors.
 */
package io.telltale.analysis.asset;
