/**
 * The rolling pcap store (DESIGN §7): each worker's {@link io.telltale.capture.store.PacketStoreWriter}
 * appends the frames it meters to pcap files, notes where in each flow's trail, hashes closed files
 * into the manifest; {@link io.telltale.capture.store.PacketExtractor} reads trails back into a pcap in
 * time order; {@link io.telltale.capture.store.StoreRetention} deletes the oldest files. Writers belong to
 * one worker thread each; the extractor and retention run on their callers' threads.
 */
package io.telltale.capture.store;
