package io.telltale.dashboard.app;

import io.telltale.dashboard.sink.Outputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telltale run}: the appliance. One configuration file says everything — the interface (or,
 * with {@code --pcap}, a capture replayed), local networks, policy, rules, the data directory with its
 * retention and packet store, the logs, the outputs — and run starts the full pipeline as
 * {@code capture} (live) or {@code read} (a file) would with those options: one composition root,
 * reached from the file or from flags alike. SIGTERM ends it cleanly: flows, index and spools are
 * written before it exits.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run the appliance from its configuration file (see examples/telltale.yaml): live on the configured interface, "
                    + "or on a capture with --pcap. Logs go to the configured 'logs' directory (default DATA/logs), the index "
                    + "and packets to the data directory, alerts also to the configured outputs. SIGTERM stops it cleanly.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran and stopped cleanly",
            "1:the input was damaged, or the capture could not start",
            "2:the configuration or the command line was wrong",
            "3:the output could not be written",
            "143:stopped by SIGTERM, everything read before written (the JVM's code for it; the systemd unit counts it a success)"
        })
public final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration (YAML)")
    Path config;

    @Option(names = "--pcap", paramLabel = "FILE", description = "read this capture instead of the configured interface")
    Path pcap;

    @Option(names = "--replay", paramLabel = "PACE", defaultValue = "realtime",
            description = "with --pcap: realtime (each packet at its captured time) or fast. Default: ${DEFAULT-VALUE}")
    String replay;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "overrides the configuration's data_dir")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig c;
        try {
            c = RunConfig.load(config);
        } catch (RunConfig.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config: " + e.getMessage());
        }
        Path base = config.toAbsolutePath().getParent();
        Path data = dataDir != null ? dataDir : c.dataDir() != null ? base.resolve(c.dataDir()) : null;
        if (data == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config: " + config + " names no data_dir (nor does --data-dir)");
        }
        Path logs = c.logs() != null ? base.resolve(c.logs()) : data.resolve("logs");
        List<String> args = new ArrayList<>();
        boolean live = pcap == null;
        if (live) {
            if (c.capture() == null || c.capture().iface() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--config: " + config + " names no capture interface (capture: {interface: eth1}); or give --pcap FILE");
            }
            RunConfig.Capture cap = c.capture();
            args.addAll(List.of("capture", "--interface", cap.iface()));
            add(args, "--source", cap.source());
            add(args, "--workers", cap.workers());
            add(args, "--filter", cap.filter());
            add(args, "--user", cap.user());
            add(args, "--stats-interval", cap.statsInterval());
            add(args, "--evaluate-interval", cap.evaluateInterval());
        } else {
            args.addAll(List.of("read", pcap.toString(), "--replay", replay));
            if (c.capture() != null) {
                add(args, "--workers", c.capture().workers());
                add(args, "--filter", c.capture().filter());
            }
        }
        args.addAll(List.of("--out", logs.toString(), "--data-dir", data.toString()));
        if (c.localNetworks() != null && !c.localNetworks().isEmpty()) {
            args.addAll(List.of("--local-nets", String.join(",", c.localNetworks())));
        }
        add(args, "--policy", c.policy() == null ? null : base.resolve(c.policy()).toString());
        for (String r : c.rules() == null ? List.<String>of() : c.rules()) {
            args.addAll(List.of("--rules", r.equals("starter") ? r : base.resolve(r).toString()));
        }
        for (String i : c.indicators() == null ? List.<String>of() : c.indicators()) {
            args.addAll(List.of("--indicators", base.resolve(i).toString()));
        }
        add(args, "--rule-vars", c.ruleVars() == null ? null : base.resolve(c.ruleVars()).toString());
        if (c.retention() != null) {
            add(args, "--retain-days", c.retention().days());
            add(args, "--index-quota", c.retention().indexQuota());
            add(args, "--store-quota", c.retention().storeQuota());
        }
        if (c.packets() != null) {
            RunConfig.Packets p = c.packets();
            if (Boolean.FALSE.equals(p.store())) {
                args.add("--no-store-packets");
            }
            add(args, "--store-flow-bytes", p.flowBytes());
            add(args, "--store-file-size", p.fileSize());
            add(args, "--store-file-minutes", p.fileMinutes());
            add(args, "--store-filter", p.filter());
            if (Boolean.TRUE.equals(p.devicesOnly())) {
                args.add("--store-devices-only");
            }
        }
        Outputs outputs = c.outputs() == null ? null : Outputs.of(c.outputs()).relativeTo(base);
        CommandLine cli = TelltaleCommand.commandLine();
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        // the configuration's outputs reach the command's --outputs options before it runs
        cli.setExecutionStrategy(parsed -> {
            Object command = parsed.subcommand().commandSpec().userObject();
            if (outputs != null) {
                switch (command) {
                    case ReadCommand read -> read.outputOptions.preset = outputs;
                    case CaptureCommand capture -> capture.outputOptions.preset = outputs;
                    default -> throw new IllegalStateException("run starts read or capture, not " + command);
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args.toArray(String[]::new));
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
