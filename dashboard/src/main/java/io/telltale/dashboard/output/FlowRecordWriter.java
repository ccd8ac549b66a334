package io.telltale.dashboard.output;

import io.telltale.capture.flow.FlowRecord;
import java.io.Closeable;
import java.io.IOException;

/** Writes flow records to a file in one format. */
public interface FlowRecordWriter extends Closeable {

    void write(FlowRecord record) throws IOException;

    /** Where the records go, for messages. */
    String destination();
}
