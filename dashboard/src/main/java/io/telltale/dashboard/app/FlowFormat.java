package io.telltale.dashboard.app;

import io.telltale.dashboard.output.FlowRecordWriter;
import io.telltale.dashboard.output.JsonLinesFlowWriter;
import io.telltale.dashboard.output.ZeekConnLogWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Output formats of {@code telltale read}. */
public enum FlowFormat {
    /** Zeek's TSV {@code conn.log}. */
    zeek("conn.log"),
    /** Zeek's JSON log format, one record per line. */
    jsonl("conn.jsonl");

    private final String fileName;

    FlowFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    FlowRecordWriter open(Path directory, Clock clock) throws IOException {
        Path file = directory.resolve(fileName);
        return this == zeek ? new ZeekConnLogWriter(file, clock) : new JsonLinesFlowWriter(file);
    }
}
