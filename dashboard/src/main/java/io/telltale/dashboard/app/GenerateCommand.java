package io.telltale.dashboard.app;

import io.telltale.testdata.scenario.Scenario;
import io.telltale.testdata.scenario.ScenarioCatalog;
import io.telltale.testdata.scenario.ScenarioWriter;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.TruthFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telltale generate}: the scenario generator, for a user's own tests and demos. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write synthetic captures of a screening site (reference/domain.md §5): its normal traffic N1-N8 and the "
                    + "attacks A1-A17, each a pcap with a truth file beside it (what happens when, what a monitor "
                    + "should say). The same seed gives the same bytes.",
            "",
            "SCENARIO is an id from --list, 'all' (every scenario, a file each), or 'busy-day' (N1-N8 with several "
                    + "attacks mixed in, one file: the bundled example).",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:the command line was wrong", "3:the output could not be written"})
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "a scenario id, all, or busy-day")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "directory for the pcap and truth files (created if missing)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--days", paramLabel = "D", defaultValue = "1", description = "days of traffic. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-03-02",
            description = "first day (UTC midnight). Default: ${DEFAULT-VALUE}, a Monday")
    LocalDate start;

    @Option(names = "--volume-scale", paramLabel = "X", defaultValue = "0.001",
            description = "bulk sizes times X (1 for real sizes: a CT volume is 50-150 MB). Default: ${DEFAULT-VALUE}")
    double volumeScale;

    @Option(names = "--load", paramLabel = "X", defaultValue = "1",
            description = "how busy the lanes are: trays, bags and log bursts per hour times X. Default: ${DEFAULT-VALUE}")
    double load;

    @Option(names = "--list", description = "describe every scenario and exit")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (Scenario s : ScenarioCatalog.all()) {
                stdout.printf(Locale.ROOT, "%-16s %-17s %s%n", s.id(), s.label().text(), s.title());
            }
            stdout.printf(Locale.ROOT, "%-16s %-17s %s%n", "busy-day", "mixed", "one day of N1-N8 at a checkpoint's load with "
                    + String.join(", ", ScenarioCatalog.busyDayAttacks()) + " mixed in");
            return ExitCodes.OK;
        }
        if (scenario == null || out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a SCENARIO and --out DIR, or --list");
        }
        if (days < 1 || days > 366 || !(volumeScale > 0 && volumeScale <= 1) || !(load > 0 && load <= 10)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--days must be 1-366, --volume-scale in (0, 1] and --load in (0, 10]");
        }
        List<List<Scenario>> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        switch (scenario.toLowerCase(Locale.ROOT)) {
            case "all" -> ScenarioCatalog.all().forEach(s -> {
                files.add(List.of(s));
                names.add(s.id());
            });
            case "busy-day" -> {
                files.add(ScenarioCatalog.busyDay());
                names.add("busy-day");
            }
            default -> {
                Scenario s = ScenarioCatalog.find(scenario).orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "no scenario '" + scenario + "'; see telltale generate --list"));
                files.add(List.of(s));
                names.add(s.id());
            }
        }
        long startNanos = start.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        long endNanos = startNanos + days * 86_400_000_000_000L;
        try {
            Files.createDirectories(out);
            for (int i = 0; i < files.size(); i++) {
                Path pcap = out.resolve(names.get(i) + ".pcap");
                ScenarioWriter.Result r = ScenarioWriter.write(files.get(i), Site.reference(), seed, startNanos, endNanos,
                        volumeScale, load, pcap);
                TruthFiles.write(out.resolve(names.get(i) + ".truth.json"), r.truths());
                stdout.printf(Locale.ROOT, "%-14s %,10d packets %,14d bytes %,8d conversations -> %s%n", names.get(i), r.frames(),
                        r.bytes(), r.conversations(), pcap);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("telltale generate: cannot write to " + out + ": " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        }
        return ExitCodes.OK;
    }
}
