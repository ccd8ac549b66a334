package io.telltale.dashboard.app;

import io.telltale.dashboard.http.PolicyActions;
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

    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "serve the dashboard here (HTTPS), overriding the configuration's dashboard.listen")
    String listen;

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
            args.addAll(c.capture().arguments());
        } else {
            args.addAll(List.of("read", pcap.toString(), "--replay", replay));
            if (c.capture() != null) {
                RunConfig.option(args, "--workers", c.capture().workers());
                RunConfig.option(args, "--filter", c.capture().filter());
            }
        }
        args.addAll(List.of("--out", logs.toString(), "--data-dir", data.toString()));
        if (c.localNetworks() != null && !c.localNetworks().isEmpty()) {
            args.addAll(List.of("--local-nets", String.join(",", c.localNetworks())));
        }
        RunConfig.option(args, "--policy", c.policy() == null ? null : base.resolve(c.policy()).toString());
        for (String r : c.rules() == null ? List.<String>of() : c.rules()) {
            args.addAll(List.of("--rules", r.equals("starter") ? r : base.resolve(r).toString()));
        }
        for (String i : c.indicators() == null ? List.<String>of() : c.indicators()) {
            args.addAll(List.of("--indicators", base.resolve(i).toString()));
        }
        RunConfig.option(args, "--rule-vars", c.ruleVars() == null ? null : base.resolve(c.ruleVars()).toString());
        if (c.retention() != null) {
            RunConfig.option(args, "--retain-days", c.retention().days());
            RunConfig.option(args, "--index-quota", c.retention().indexQuota());
            RunConfig.option(args, "--store-quota", c.retention().storeQuota());
        }
        if (c.packets() != null) {
            RunConfig.Packets p = c.packets();
            if (Boolean.FALSE.equals(p.store())) {
                args.add("--no-store-packets");
            }
            RunConfig.option(args, "--store-flow-bytes", p.flowBytes());
            RunConfig.option(args, "--store-file-size", p.fileSize());
            RunConfig.option(args, "--store-file-minutes", p.fileMinutes());
            RunConfig.option(args, "--store-filter", p.filter());
            if (Boolean.TRUE.equals(p.devicesOnly())) {
                args.add("--store-devices-only");
            }
        }
        Outputs outputs = c.outputs() == null ? null : Outputs.of(c.outputs()).relativeTo(base);
        String where = listen != null ? listen : c.dashboard() != null ? c.dashboard().listen() : null;
        if (where != null) {
            try {
                address(where);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
            }
        }
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        io.telltale.dashboard.http.DashboardServer server = null;
        if (where != null) {
            try {
                PolicyActions actions = c.policy() == null ? null : new CliPolicyActions(base.resolve(c.policy()), logs);
                server = startDashboard(where, c.dashboard(), base, data, metrics, !live, actions);
            } catch (java.io.IOException | RuntimeException e) {
                spec.commandLine().getErr().println("telltale run: the dashboard cannot start on " + where + ": " + e.getMessage());
                return ExitCodes.OUTPUT_FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OUTPUT_FAILED;
            }
        }
        try {
            int code = pipeline(args, outputs, metrics);
            if (server != null && !live && code != ExitCodes.USAGE) {
                waitForStop(); // a demo: the capture is read, the dashboard stays up
            }
            return code;
        } finally {
            if (server != null) {
                try {
                    server.close();
                } catch (java.io.IOException e) {
                    spec.commandLine().getErr().println("telltale run: closing the dashboard: " + e.getMessage());
                }
            }
        }
    }

    private io.telltale.dashboard.http.DashboardServer startDashboard(String where, RunConfig.Dashboard config, Path base, Path data,
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics, boolean demo, PolicyActions actions)
            throws java.io.IOException, InterruptedException {
        java.io.PrintWriter out = spec.commandLine().getOut();
        io.telltale.dashboard.http.TlsMaterial tls = config != null && config.certificate() != null
                ? io.telltale.dashboard.http.TlsMaterial.configured(base.resolve(config.certificate()), base.resolve(config.key()))
                : io.telltale.dashboard.http.TlsMaterial.selfSigned(data.resolve("tls"), config != null && config.hostname() != null
                        ? config.hostname() : io.telltale.dashboard.siem.SensorIdentity.local().hostname());
        java.nio.file.Files.createDirectories(data);
        io.telltale.dashboard.http.DashboardServer server = new io.telltale.dashboard.http.DashboardServer(address(where), data, tls,
                metrics, java.time.Clock.systemUTC(), m -> {
                    spec.commandLine().getErr().println("telltale run: " + m);
                    spec.commandLine().getErr().flush();
                }, actions);
        java.net.InetSocketAddress a = server.address();
        out.println("dashboard   https://" + (a.getAddress().getHostAddress().contains(":") ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress()) + ":" + a.getPort() + "/  certificate SHA-256 " + tls.fingerprint()
                + (tls.madeNow() ? " (made now in " + tls.certificate().getParent() + ")" : ""));
        io.telltale.dashboard.auth.UserStore users = new io.telltale.dashboard.auth.UserStore(data, new io.telltale.dashboard.auth.PasswordHasher());
        if (users.users().isEmpty() && demo) {
            // a demo from a file with no users yet: one to look with, its password shown once
            byte[] random = new byte[12];
            new java.security.SecureRandom().nextBytes(random);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            users.put("demo", io.telltale.dashboard.auth.Role.ADMIN, password.toCharArray());
            out.println("dashboard   log in as demo / " + password + "  (made for this demo: telltale user remove demo --data-dir "
                    + data + ")");
        } else if (users.users().isEmpty()) {
            out.println("dashboard   no users yet: echo PASSWORD | telltale user add NAME --role admin --data-dir " + data);
        }
        out.flush();
        return server;
    }

    /** Holds the dashboard up after a --pcap run until SIGTERM or Ctrl-C. */
    private void waitForStop() {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "telltale-run-stop"));
        } catch (IllegalStateException shuttingDown) {
            return; // the SIGTERM came during the read: stop now
        }
        spec.commandLine().getOut().println("the capture is read; the dashboard stays up until SIGTERM or Ctrl-C");
        spec.commandLine().getOut().flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (every address). */
    static java.net.InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("write HOST:PORT (or :PORT for every address), not \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port in \"" + text + "\" is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0-65535, not " + port);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.isEmpty() && !com.google.common.net.InetAddresses.isInetAddress(host) && !host.equals("localhost")) {
            throw new IllegalArgumentException("listen on an address (no name is looked up), not \"" + host + "\"");
        }
        return host.isEmpty() ? new java.net.InetSocketAddress(port) : new java.net.InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, port);
    }

    private int pipeline(List<String> args, Outputs outputs, io.micrometer.core.instrument.MeterRegistry metrics) {
        CommandLine cli = TelltaleCommand.commandLine();
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        // the configuration's outputs reach the command's --outputs options before it runs
        cli.setExecutionStrategy(parsed -> {
            Object command = parsed.subcommand().commandSpec().userObject();
            OutputOptions options = switch (command) {
                case ReadCommand read -> read.outputOptions;
                case CaptureCommand capture -> capture.outputOptions;
                default -> throw new IllegalStateException("run starts read or capture, not " + command);
            };
            options.preset = outputs;
            options.registry = metrics;
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args.toArray(String[]::new));
    }
}
