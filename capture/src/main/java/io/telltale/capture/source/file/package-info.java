/**
 * Pure-Java readers for capture files (classic pcap and pcapng), mapped with
 * {@link java.nio.channels.FileChannel#map} into a {@link java.lang.foreign.MemorySegment}: frames are
 * views into the mapping, never copies. Damage stops the reader and is reported with its byte offset;
 * every complete packet before it is delivered. One thread per source.
 */
package io.telltale.capture.source.file;
