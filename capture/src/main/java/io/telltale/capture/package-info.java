/**
 * The capture layer: packets in, flow records and in-order TCP payload out.
 *
 * <p>Everything here runs on one worker thread per shard and never allocates per packet in steady
 * state. Nothing in this module knows about dissectors, detectors or outputs.
 */
package io.telltale.capture;
