package io.telltale.dashboard.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.telltale.dashboard.siem.Loopback;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft mode (one node, broker and controller), run from the Kafka jars on
 * Maven Central as a child JVM on free loopback ports: its storage formatted by Kafka's own
 * StorageTool, then {@code kafka.Kafka} started and waited for.
 */
final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    final int port;
    private Process process;

    KafkaBroker(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = Loopback.freePort();
        int controller = Loopback.freePort();
        Files.createDirectories(dir);
        Path props = dir.resolve("server.properties");
        Files.writeString(props, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(port, controller, dir.resolve("logs")));
        Process format = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", props.toString())
                .redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
        process = java("kafka.Kafka", props.toString()).redirectOutput(dir.resolve("kafka.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kafka exited: " + Files.readString(dir.resolve("kafka.log")));
            }
            if (Loopback.accepts(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("kafka did not listen within 60 s: " + Files.readString(dir.resolve("kafka.log")));
    }

    private ProcessBuilder java(String main, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("kafka.log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
