package io.telltale.dashboard.sink;

import java.util.Map;

/**
 * A Kafka cluster to publish to: its bootstrap servers, a topic per record class (a class without
 * a topic is not sent), and further producer properties (security, compression, …) passed as they
 * are written. The producer is always idempotent with {@code acks=all}: a retry after a lost
 * acknowledgement never writes a record twice.
 */
public record KafkaOutput(String name, String bootstrapServers, Map<RecordClass, String> topics, Map<String, String> properties) {

    public KafkaOutput {
        topics = Map.copyOf(topics);
        properties = Map.copyOf(properties);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(name + ": bootstrap_servers is required (host:port, comma-separated)");
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(name + ": 'topics' names no topic for flows, protocol, alerts or assets");
        }
        for (String key : properties.keySet()) {
            if (key.equals("enable.idempotence") || key.equals("acks") || key.endsWith(".serializer")) {
                throw new IllegalArgumentException(name + ": property " + key + " is Telltale's to set (idempotent, acks=all, bytes)");
            }
        }
    }
}
