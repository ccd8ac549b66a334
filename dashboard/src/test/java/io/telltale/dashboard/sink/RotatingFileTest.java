package io.telltale.dashboard.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation by size and by age keeps every line whole, in order, and only the newest rotated files. */
class RotatingFileTest {

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeAndAgeAndKeepsTheNewest() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-29T06:00:00Z").toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        Path file = dir.resolve("alerts.jsonl");
        try (RotatingFile f = new RotatingFile(file, 4096, 3_600_000, 3, clock)) {
            for (int i = 0; i < 400; i++) {
                f.writeLine(("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(80) + "\"}").getBytes(StandardCharsets.UTF_8));
                now.addAndGet(1000);
            }
            long bySize = f.rotations();
            assertThat(bySize).as("about 40 KB in 4 KiB files").isBetween(8L, 12L);
            now.addAndGet(3_600_000);
            f.writeLine("{\"n\":400}".getBytes(StandardCharsets.UTF_8));
            assertThat(f.rotations()).as("an hour open rotates").isEqualTo(bySize + 1);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(files::add);
        }
        assertThat(files).hasSize(4).last().isEqualTo(file);
        assertThat(files.get(0).getFileName().toString()).matches("alerts-20261129T\\d{6}\\.\\d{3}Z\\.jsonl");
        List<Integer> numbers = new ArrayList<>();
        for (Path p : files) {
            for (String line : Files.readAllLines(p)) {
                assertThat(line).startsWith("{\"n\":").endsWith("}");
                numbers.add(Integer.parseInt(line.substring(5, line.indexOf(line.contains(",") ? ',' : '}'))));
            }
        }
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("lines in order across the files").isEqualTo(numbers.get(i - 1) + 1);
        }
        assertThat(numbers.getLast()).isEqualTo(400);
        assertThat(Files.size(files.get(0))).isLessThanOrEqualTo(4096);
    }
}
