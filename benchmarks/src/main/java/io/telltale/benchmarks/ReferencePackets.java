package io.telltale.benchmarks;

import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.Recordings;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Packets of reference captures copied into memory, each capture starting at time zero. */
final class ReferencePackets {

    final MemorySegment[] frames;
    final long[] timestamps;
    final int[] wireLengths;
    final int[] linkTypes;
    final long spanNanos;

    ReferencePackets(List<String> captures) {
        List<MemorySegment> frameList = new ArrayList<>();
        List<long[]> meta = new ArrayList<>();
        long span = 0;
        for (String name : captures) {
            long[] start = {Long.MIN_VALUE};
            // A name of ours ("recording:...") comes from the recordings, any other from the reference corpus.
            java.nio.file.Path path = name.startsWith("recording:") ? Recordings.path(name.substring("recording:".length()))
                    : ReferenceCorpus.load().capture(name).path();
            try (PacketSource source = CaptureFiles.open(path)) {
                while (source.poll((ts, wire, data, offset, length, link) -> {
                    if (start[0] == Long.MIN_VALUE) {
                        start[0] = ts;
                    }
                    frameList.add(MemorySegment.ofArray(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE)));
                    meta.add(new long[] {ts - start[0], wire, link});
                }, 256) != PacketSource.END_OF_INPUT) {
                    // load everything
                }
            }
        }
        int n = frameList.size();
        frames = frameList.toArray(new MemorySegment[0]);
        timestamps = new long[n];
        wireLengths = new int[n];
        linkTypes = new int[n];
        for (int i = 0; i < n; i++) {
            timestamps[i] = meta.get(i)[0];
            wireLengths[i] = (int) meta.get(i)[1];
            linkTypes[i] = (int) meta.get(i)[2];
            span = Math.max(span, timestamps[i]);
        }
        spanNanos = span + 1_000_000L;
    }

    int size() {
        return frames.length;
    }
}
