package io.telltale.dashboard.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.dashboard.output.EventJson;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes flow records, protocol records, alerts and asset changes to Kafka, each as the JSON
 * object of its log (with {@code _path}), keyed by the device it is about so that everything about
 * one device lands in one partition, in order. The log's name also travels as the header
 * {@code telltale.log}. Sends are asynchronous; failures are counted and said once per run of
 * failures. On a full producer buffer the send waits up to {@code max.block.ms} (10 s unless set):
 * the sink thread sits behind a bounded queue, so the capture threads never wait for Kafka.
 */
public final class KafkaSink implements EventSink, Closeable {

    private final KafkaOutput config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final EventJson json = new EventJson(false);
    private final Consumer<String> log;
    private final Counter sent;
    private final Counter failed;
    private final AtomicBoolean failing = new AtomicBoolean();

    public KafkaSink(KafkaOutput config, MeterRegistry registry, Consumer<String> log) {
        this.config = config;
        this.log = log;
        Map<String, Object> p = new HashMap<>(config.properties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "telltale-" + config.name());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try {
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new IllegalArgumentException(config.name() + ": cannot make a Kafka producer: " + e.getMessage(), e);
        }
        sent = Counter.builder("telltale.sink.records.written").tag("sink", config.name()).register(registry);
        failed = Counter.builder("telltale.sink.records.failed").tag("sink", config.name()).register(registry);
    }

    @Override
    public void accept(MonitorEvent event) {
        json.encode(event, this::publish);
    }

    private void publish(String logName, String device, byte[] value) {
        String topic = config.topics().get(RecordClass.of(logName));
        if (topic == null) {
            return;
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                device == null ? null : device.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add("telltale.log", logName.getBytes(StandardCharsets.US_ASCII));
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    sent.increment();
                    if (failing.compareAndSet(true, false)) {
                        log.accept("kafka " + config.name() + ": publishing again");
                    }
                } else {
                    failure(error);
                }
            });
        } catch (KafkaException e) {
            failure(e);
        }
    }

    private void failure(Exception e) {
        failed.increment();
        if (failing.compareAndSet(false, true)) {
            log.accept("kafka " + config.name() + ": cannot publish to " + config.bootstrapServers() + ": " + e.getMessage()
                    + "; records are counted as failed until it can");
        }
    }

    /** Records published and acknowledged so far. */
    public long sent() {
        return (long) sent.count();
    }

    public long failed() {
        return (long) failed.count();
    }

    /** Sends what is buffered and waits (up to 30 s) for the acknowledgements. */
    @Override
    public void close() {
        json.finish(this::publish);
        producer.close(Duration.ofSeconds(30));
    }
}
