package io.telltale.dashboard.output;

import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowIds;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One column of a protocol log: its name, its Zeek type, and how to read its value from a record.
 * Values are null (unset), a {@link String} (escaped on the way out when it came from the wire), a
 * number, a {@link Boolean}, a {@link Decimal}, or a list of strings or decimals.
 */
record LogColumn<R>(String name, String type, Function<R, ?> value) {

    /** A number Zeek prints with six decimals (times, intervals): text in TSV, a number in JSON. */
    record Decimal(String text) {
    }

    /** The six columns every Zeek protocol log starts with: time, uid and the connection's endpoints. */
    static <R extends ProtocolRecord> List<LogColumn<R>> head() {
        return head(r -> r, ProtocolRecord::timestampNanos);
    }

    /**
     * The same six columns for rows that are parts of a record (a share of an SMB connection): the
     * connection gives uid and endpoints, the part its own time.
     */
    static <R> List<LogColumn<R>> head(Function<R, ProtocolRecord> connection, ToLongFunction<R> timestampNanos) {
        return List.of(
                new LogColumn<R>("ts", "time", r -> new Decimal(ZeekText.seconds(timestampNanos.applyAsLong(r)))),
                new LogColumn<R>("uid", "string", r -> FlowIds.uid(connection.apply(r).flowId())),
                new LogColumn<R>("id.orig_h", "addr", r -> connection.apply(r).originatorHost()),
                new LogColumn<R>("id.orig_p", "port", r -> connection.apply(r).originatorPort()),
                new LogColumn<R>("id.resp_h", "addr", r -> connection.apply(r).responderHost()),
                new LogColumn<R>("id.resp_p", "port", r -> connection.apply(r).responderPort()));
    }

    static <R> LogColumn<R> text(String name, Function<R, String> value) {
        return new LogColumn<>(name, "string", value);
    }

    /** A count where a negative value means not seen. */
    static <R> LogColumn<R> count(String name, ToLongFunction<R> value) {
        return new LogColumn<>(name, "count", r -> {
            long v = value.applyAsLong(r);
            return v < 0 ? null : v;
        });
    }

    static <R> LogColumn<R> port(String name, ToIntFunction<R> value) {
        return new LogColumn<>(name, "port", r -> value.applyAsInt(r));
    }

    static <R> LogColumn<R> bool(String name, Predicate<R> value) {
        return new LogColumn<>(name, "bool", value::test);
    }

    /** An interval where a negative duration means not measured. */
    static <R> LogColumn<R> interval(String name, ToLongFunction<R> nanos) {
        return new LogColumn<>(name, "interval", r -> {
            long v = nanos.applyAsLong(r);
            return v < 0 ? null : new Decimal(ZeekText.interval(0, v));
        });
    }

    /** A time or interval carried as seconds in a double; NaN means not present. */
    static <R> LogColumn<R> seconds(String name, String type, java.util.function.ToDoubleFunction<R> value) {
        return new LogColumn<>(name, type, r -> {
            double v = value.applyAsDouble(r);
            return Double.isNaN(v) ? null : new Decimal(ZeekText.decimal(v));
        });
    }

    /** A vector of strings; null (unset) and empty are told apart, as Zeek tells them. */
    static <R> LogColumn<R> texts(String name, Function<R, List<String>> value) {
        return new LogColumn<>(name, "vector[string]", value);
    }

    /** Joins column lists: the head, then a log's own. */
    @SafeVarargs
    static <R> List<LogColumn<R>> of(List<LogColumn<R>> head, LogColumn<R>... rest) {
        List<LogColumn<R>> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(rest));
        return List.copyOf(all);
    }
}
