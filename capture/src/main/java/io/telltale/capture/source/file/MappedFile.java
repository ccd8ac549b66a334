package io.telltale.capture.source.file;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A read-only mapping of a whole file, released deterministically on {@link #close()}. */
final class MappedFile implements AutoCloseable {

    private final Arena arena;
    private final MemorySegment segment;

    private MappedFile(Arena arena, MemorySegment segment) {
        this.arena = arena;
        this.segment = segment;
    }

    static MappedFile map(Path path) throws IOException {
        // Confined: a file source is read by one thread, and confined segments check access more cheaply.
        Arena arena = Arena.ofConfined();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            // The mapping is handed on as a plain native segment, the class every other packet source gives
            // (AF_PACKET and libpcap memory, the workers' rings): the decoder and dissectors then see one class
            // of segment, and C2 compiles them for it once instead of for two (with two workers it recompiled).
            MemorySegment segment = size == 0 ? MemorySegment.NULL.reinterpret(0)
                    : MemorySegment.ofAddress(channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena).address())
                            .reinterpret(size, arena, null).asReadOnly();
            return new MappedFile(arena, segment);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    MemorySegment segment() {
        return segment;
    }

    @Override
    public void close() {
        arena.close();
    }
}
