/**
 * Application messages built to their specifications, byte by byte, for the scenario generator: DNS,
 * NTP, syslog, DICOM upper layer and DIMSE, TLS handshakes of two real client stacks, HTTP, SSH, SMB2,
 * and the shapes of the tools the attack scenarios imitate. Stateless; every method returns a fresh
 * array.
 */
package io.telltale.testdata.payload;
