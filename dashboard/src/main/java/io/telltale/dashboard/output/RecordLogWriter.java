package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes records of one kind as a log described by its columns: Zeek's TSV (header, escaped fields,
 * {@code -} for unset, {@code (empty)} for empty) or JSON lines with Zeek's field names (unset
 * fields left out). Strings from the wire are escaped here, in one place, for both.
 */
public abstract sealed class RecordLogWriter<R> implements Closeable {

    final List<LogColumn<R>> columns;
    private final String name;
    private long written;

    private RecordLogWriter(String name, List<LogColumn<R>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    /** Writes one record as one row or line. */
    public final void write(R record) throws IOException {
        writeRow(record);
        written++;
    }

    abstract void writeRow(R record) throws IOException;

    /** The log's name: {@code dns} for dns.log. */
    public String name() {
        return name;
    }

    /** Records written so far. */
    public long written() {
        return written;
    }

    static <R> RecordLogWriter<R> zeek(Path path, String logName, List<LogColumn<R>> columns, Clock clock)
            throws IOException {
        return new Tsv<>(path, logName, columns, clock);
    }

    static <R> RecordLogWriter<R> jsonLines(Path path, String logName, List<LogColumn<R>> columns) throws IOException {
        return new Json<>(path, logName, columns);
    }

    /** Opens {@code NAME.log} or {@code NAME.jsonl} in the directory. */
    static <R> RecordLogWriter<R> open(Path directory, String logName, boolean json, List<LogColumn<R>> columns,
                                       Clock clock) throws IOException {
        return json ? jsonLines(directory.resolve(logName + ".jsonl"), logName, columns)
                : zeek(directory.resolve(logName + ".log"), logName, columns, clock);
    }

    /** One record as one JSON object with Zeek's field names, unset fields left out. */
    static <R> void writeObject(JsonGenerator json, List<LogColumn<R>> columns, R record) throws IOException {
        json.writeStartObject();
        for (LogColumn<R> column : columns) {
            Object value = column.value().apply(record);
            if (value != null) {
                json.writeFieldName(column.name());
                value(json, value);
            }
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case String s -> json.writeString(s);
            case Boolean b -> json.writeBoolean(b);
            case LogColumn.Decimal d -> json.writeNumber(ZeekText.jsonDecimal(d.text()));
            case Integer n -> json.writeNumber(n);
            case Long n -> json.writeNumber(n);
            case List<?> list -> {
                json.writeStartArray();
                for (Object element : list) {
                    value(json, element);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }

    private static final class Tsv<R> extends RecordLogWriter<R> {
        private final ZeekLogWriter log;

        Tsv(Path path, String logName, List<LogColumn<R>> columns, Clock clock) throws IOException {
            super(logName, columns);
            this.log = new ZeekLogWriter(path, logName, columns.stream().map(LogColumn::name).toList(),
                    columns.stream().map(LogColumn::type).toList(), clock);
        }

        @Override
        void writeRow(R record) throws IOException {
            StringBuilder row = log.row();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    row.append('\t');
                }
                field(row, columns.get(i).value().apply(record));
            }
            log.endRow();
        }

        private static void field(StringBuilder row, Object value) {
            switch (value) {
                case null -> row.append('-');
                case String s -> row.append(ZeekText.tsvString(s));
                case Boolean b -> row.append(b ? 'T' : 'F');
                case LogColumn.Decimal d -> row.append(d.text());
                case List<?> list when list.isEmpty() -> row.append("(empty)");
                case List<?> list -> {
                    for (int i = 0; i < list.size(); i++) {
                        row.append(i == 0 ? "" : ",");
                        if (list.get(i) instanceof String s) {
                            row.append(ZeekText.tsvSetElement(s));
                        } else {
                            field(row, list.get(i));
                        }
                    }
                }
                default -> row.append(value);
            }
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    private static final class Json<R> extends RecordLogWriter<R> {
        private final JsonGenerator json;

        Json(Path path, String logName, List<LogColumn<R>> columns) throws IOException {
            super(logName, columns);
            this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        void writeRow(R record) throws IOException {
            writeObject(json, columns, record);
        }

        @Override
        public void close() throws IOException {
            json.writeRaw('\n');
            json.close();
        }
    }
}
