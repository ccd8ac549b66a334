package io.telltale.capture.source.live;

/**
 * What a live source has seen since it opened: frames and bytes delivered, frames the kernel dropped
 * for want of ring space, and frames the interface itself dropped (its rx_dropped counter).
 */
public record CaptureCounters(long packets, long bytes, long kernelDrops, long interfaceDrops) {
}
