package io.telltale.analysis.index;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Feeds the index from the event stream, off the capture threads: events go through a bounded queue to
 * one indexing thread, which joins each flow's protocol records to its flow record, writes the
 * documents and commits at least every {@code commitIntervalMillis}. Reading a file waits when the queue
 * is full (nothing is lost); live capture sheds with a counter instead, so a slow disk never stalls the
 * capture. An index error is counted and told once, and the pipeline goes on.
 */
public final class IndexingSink implements EventSink, AutoCloseable {

    /** Flows whose records wait for their flow record; beyond it the oldest waiting flow's are dropped. */
    static final int MAX_PENDING_FLOWS = 1 << 20;
    /** Records joined to one document at most (a long DNS-over-TCP flow may carry thousands). */
    public static final int MAX_RECORDS_PER_FLOW = 256;

    private static final MonitorEvent END = new AssetChange(0, "end", "", null, null);

    private final FlowIndex index;
    private final long commitIntervalNanos;
    private final boolean waitWhenFull;
    private final BlockingQueue<MonitorEvent> queue = new ArrayBlockingQueue<>(1 << 16);
    private final Thread thread;
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure;
    private final Map<Long, List<ProtocolRecord>> pending = new LinkedHashMap<>();
    private final Map<Long, Integer> sequences = new HashMap<>();
    private long recordsDropped;
    private final Consumer<String> log;
    private final AtomicLong retentionDeletions = new AtomicLong();
    private volatile long caughtUpNanos = System.nanoTime();
    private volatile boolean finished;
    private volatile boolean failing;
    private long failuresBefore;
    private boolean wroteSinceFailure;
    /** How often retention looks at the disk, in wall time. */
    static final long RETENTION_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** @param waitWhenFull true when reading files (back-pressure), false for live capture (shed) */
    public IndexingSink(FlowIndex index, long commitIntervalMillis, boolean waitWhenFull) {
        this(index, commitIntervalMillis, waitWhenFull, line -> { });
    }

    /** @param log where retention says what it deleted, one line each (called on the indexing thread) */
    public IndexingSink(FlowIndex index, long commitIntervalMillis, boolean waitWhenFull, Consumer<String> log) {
        this.log = log;
        this.index = index;
        this.commitIntervalNanos = TimeUnit.MILLISECONDS.toNanos(commitIntervalMillis);
        this.waitWhenFull = waitWhenFull;
        this.thread = Thread.ofPlatform().name("telltale-indexer").daemon().unstarted(this::run);
        thread.start();
    }

    @Override
    public void accept(MonitorEvent event) {
        if (waitWhenFull) {
            try {
                queue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                shed.incrementAndGet();
            }
        } else if (!queue.offer(event)) {
            shed.incrementAndGet();
        }
    }

    private void run() {
        long lastCommit = System.nanoTime();
        long lastRetention = lastCommit;
        while (true) {
            MonitorEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == END) {
                commit();
                retain();
                finished = true;
                return;
            }
            if (event != null) {
                index(event);
            }
            if (System.nanoTime() - lastCommit >= commitIntervalNanos) {
                commit();
                lastCommit = System.nanoTime();
                if (lastCommit - lastRetention >= RETENTION_EVERY_NANOS) {
                    retain();
                    lastRetention = lastCommit;
                }
            }
        }
    }

    private void index(MonitorEvent event) {
        try {
            switch (event) {
                case ProtocolRecord record -> hold(record);
                case FlowEvent flowEvent -> {
                    flow(flowEvent.flow());
                    wroteSinceFailure = true;
                }
                case Alert alert -> index.addAlert(alert);
                case AssetChange change -> index.addAssetChange(change);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void hold(ProtocolRecord record) {
        if (record.flowId() == 0) {
            return;
        }
        List<ProtocolRecord> records = pending.get(record.flowId());
        if (records == null) {
            if (pending.size() >= MAX_PENDING_FLOWS) {
                var eldest = pending.entrySet().iterator();
                recordsDropped += eldest.next().getValue().size();
                eldest.remove();
            }
            records = new ArrayList<>(2);
            pending.put(record.flowId(), records);
        }
        if (records.size() < MAX_RECORDS_PER_FLOW) {
            records.add(record);
        } else {
            recordsDropped++;
        }
    }

    private void flow(FlowRecord flow) throws IOException {
        List<ProtocolRecord> records = pending.remove(flow.id());
        Integer before = sequences.get(flow.id());
        int sequence = before == null ? 0 : before;
        if (flow.interim()) {
            sequences.put(flow.id(), sequence + 1);
        } else if (before != null) {
            sequences.remove(flow.id());
        }
        index.addFlow(flow, sequence, records == null ? List.of() : records, flow.packets());
    }

    private void commit() {
        // taken before the commit: what was queued before this moment and is not still queued is searchable after it
        long started = System.nanoTime();
        boolean drained = queue.isEmpty();
        try {
            index.commit();
            if (drained) {
                caughtUpNanos = started;
            }
            succeeded();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private volatile Runnable alsoOnRetention = () -> { };

    /** Runs this too whenever retention runs, on the indexing thread (the packet store's retention). */
    public void onRetention(Runnable task) {
        this.alsoOnRetention = task;
    }

    private void retain() {
        alsoOnRetention.run();
        try {
            for (String line : index.applyRetention()) {
                retentionDeletions.incrementAndGet();
                log.accept("retention: " + line);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** Partitions and alert batches retention deleted. */
    public long retentionDeletions() {
        return retentionDeletions.get();
    }

    private void failed(Exception e) {
        if (failures.getAndIncrement() == 0) {
            firstFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        wroteSinceFailure = false;
        if (!failing) {
            failing = true;
            failuresBefore = failures.get() - 1;
            log.accept("index: writing failed (" + e.getMessage() + "): flows are not indexed until it works again; what "
                    + "was committed is kept");
        }
    }

    /** Said once when writing works again after failures (a full disk given space, say). */
    private void succeeded() {
        if (failing && wroteSinceFailure) {
            failing = false;
            log.accept("index: writing works again; " + (failures.get() - failuresBefore) + " writes failed meanwhile");
        }
    }

    /** Whether the last write or commit failed: the health page's flag. */
    public boolean failing() {
        return failing;
    }

    /** Events waiting for the indexing thread. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * How far search is behind the pipeline, in nanoseconds: the time since the last commit that found the
     * queue empty. A keeping-up indexer stays within its commit interval; one falling behind grows without
     * bound. Zero once closed.
     */
    public long lagNanos() {
        return finished ? 0 : System.nanoTime() - caughtUpNanos;
    }

    /** Events not indexed because the queue was full (live capture only). */
    public long shed() {
        return shed.get();
    }

    /** Index writes or commits that failed; {@link #firstFailure} says why. */
    public long failures() {
        return failures.get();
    }

    public String firstFailure() {
        return firstFailure;
    }

    /** Protocol records not joined to a document (past the per-flow cap, or their flow never ended). */
    public long recordsDropped() {
        return recordsDropped;
    }

    public long flowsIndexed() {
        return index.flowsAdded();
    }

    /** Indexes what is queued, commits, and closes the index. */
    @Override
    public void close() throws IOException {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (List<ProtocolRecord> records : pending.values()) {
            recordsDropped += records.size();
        }
        pending.clear();
        index.close();
    }
}
