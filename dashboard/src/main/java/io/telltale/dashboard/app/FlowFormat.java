package io.telltale.dashboard.app;

import io.telltale.dashboard.output.LogSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Output formats of {@code telltale read}. */
public enum FlowFormat {
    /** Zeek's TSV logs: {@code conn.log}, {@code dns.log}. */
    zeek("conn.log"),
    /** Zeek's JSON log format, one record per line: {@code conn.jsonl}, {@code dns.jsonl}. */
    jsonl("conn.jsonl");

    private final String fileName;

    FlowFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    LogSet open(Path directory, Clock clock, boolean payloadStats) throws IOException {
        return new LogSet(directory, this == jsonl, clock, payloadStats);
    }
}
