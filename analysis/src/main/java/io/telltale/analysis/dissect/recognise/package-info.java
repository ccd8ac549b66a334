/**
 * Protocols recognised without being dissected: enough of their first bytes to name the flow's
 * service (remote-access tools, VPNs, industrial and management protocols), so that a policy can
 * say who may speak them. Each probe checks structure (lengths that agree, reserved bytes, fixed
 * magic), not a port.
 */
package io.telltale.analysis.dissect.recognise;
