package io.telltale.analysis.index;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The write side of the index: flows with their protocol records, alerts and asset changes. Called by
 * one indexing thread ({@link IndexingSink}); what {@link #commit} returned from survives a crash.
 */
public interface FlowIndex extends Closeable {

    /**
     * @param sequence 0 for a flow's first document, one more for each interim record before this one
     * @param packets where the packets are in the packet store, or null
     */
    void addFlow(FlowRecord flow, int sequence, List<ProtocolRecord> records, byte[] packets) throws IOException;

    void addAlert(Alert alert) throws IOException;

    void addAssetChange(AssetChange change) throws IOException;

    /** Makes everything added so far durable and visible to searches opened after it. */
    void commit() throws IOException;

    /** Deletes what its retention no longer keeps; returns one line per deletion. */
    List<String> applyRetention() throws IOException;

    /** Documents added since the index was opened. */
    long flowsAdded();
}
