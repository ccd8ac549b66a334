package io.telltale.testdata.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every scenario generated once per test run into a temporary directory (one day from 2026-03-02, seed
 * 1, small volumes, a quiet lane), shared by the tests that read them.
 */
final class GeneratedCaptures {

    static final double VOLUME_SCALE = 0.00001;
    static final double LOAD = 0.05;
    static final long START = LocalDate.of(2026, 3, 2).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
    static final long END = START + 86_400_000_000_000L;

    record Generated(Scenario scenario, Path pcap, List<Truth> truths) {
    }

    private static final Map<String, Generated> CACHE = new ConcurrentHashMap<>();
    private static Path directory;

    private GeneratedCaptures() {
    }

    static synchronized Generated of(Scenario scenario) {
        return CACHE.computeIfAbsent(scenario.id(), id -> {
            try {
                if (directory == null) {
                    directory = Files.createTempDirectory("telltale-scenarios");
                    directory.toFile().deleteOnExit();
                }
                Path pcap = directory.resolve(id + ".pcap");
                ScenarioWriter.Result r = ScenarioWriter.write(List.of(scenario), Site.reference(), 1, START, END, VOLUME_SCALE,
                        LOAD, pcap);
                pcap.toFile().deleteOnExit();
                return new Generated(scenario, pcap, r.truths());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
