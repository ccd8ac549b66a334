package io.telltale.capture.source;

import java.util.Optional;

/**
 * Pushes frames to a handler in batches. Sources never throw out of {@link #poll}: damage in the
 * input ends the stream and is described by {@link #damage()}.
 */
public interface PacketSource extends AutoCloseable {

    /** Value of {@link #poll} once the source has nothing more to deliver. */
    int END_OF_INPUT = -1;

    /**
     * Delivers at most {@code limit} frames.
     *
     * @return the number of frames delivered, 0 when idle, or {@link #END_OF_INPUT}
     */
    int poll(PacketHandler handler, int limit);

    /** What this source reads, for messages (a file path, an interface name). */
    String name();

    /** The damage that ended the stream early, if any. */
    Optional<SourceDamage> damage();

    @Override
    void close();
}
