package io.telltale.capture.source.file;

import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Opens a capture file as the right {@link PacketSource}, recognising the format by its magic number. */
public final class CaptureFiles {

    private CaptureFiles() {
    }

    /**
     * Opens {@code path}. Never throws: a file that cannot be read, or is not a capture file, gives a
     * source that delivers nothing and reports the reason through {@link PacketSource#damage()}.
     */
    public static PacketSource open(Path path) {
        String name = path.toString();
        MappedFile file;
        try {
            file = MappedFile.map(path);
        } catch (IOException | RuntimeException e) {
            return new FailedSource(new SourceDamage(name, -1, 1, "cannot read file: " + describe(e)));
        }
        return open(name, file.segment(), file);
    }

    /**
     * Reads a capture held in memory (an upload, a test fixture). The segment must stay valid until
     * the source is closed; {@code owner} is closed with the source.
     */
    public static PacketSource open(String name, MemorySegment data, AutoCloseable owner) {
        if (data.byteSize() < 4) {
            closeQuietly(owner);
            return new FailedSource(new SourceDamage(name, 0, 1,
                    "file too short to be a capture file (" + data.byteSize() + " bytes)"));
        }
        int magic = data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 0);
        if (PcapFileSource.recognises(magic)) {
            return new PcapFileSource(name, data, owner);
        }
        if (magic == PcapngFileSource.SECTION_HEADER_BLOCK) {
            return new PcapngFileSource(name, data, owner);
        }
        closeQuietly(owner);
        return new FailedSource(new SourceDamage(name, 0, 1,
                String.format("not a pcap or pcapng file (magic 0x%08x)", magic)));
    }

    private static void closeQuietly(AutoCloseable owner) {
        try {
            owner.close();
        } catch (Exception e) {
            // Nothing useful to do: the source is reported as failed anyway.
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getSimpleName();
    }
}
