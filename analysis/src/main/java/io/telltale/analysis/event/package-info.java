/**
 * Events that leave a worker: flow records, protocol records, later alerts. Sealed, so sinks switch
 * over them exhaustively. Allocated once per event, far less often than per packet.
 */
package io.telltale.analysis.event;
