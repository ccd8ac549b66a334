package io.telltale.analysis.detect;

import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowRecord;
import java.util.function.Consumer;

/**
 * Reads what the workers emit and raises findings. Callbacks have no-op defaults: a detector
 * overrides what it needs. Called on one thread; a detector keeps its own state.
 */
public interface Detector {

    /** Its name in alerts ({@code beacon}, {@code dns-tunnel}). */
    String name();

    default void onFlow(FlowRecord flow, Consumer<Finding> out) {
    }

    default void onRecord(ProtocolRecord record, Consumer<Finding> out) {
    }

    /** The input ended (or a periodic evaluation is due): findings over whole series are raised here. */
    default void onEnd(long nowNanos, Consumer<Finding> out) {
    }
}
