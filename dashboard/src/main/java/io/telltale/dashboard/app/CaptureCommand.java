package io.telltale.dashboard.app;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.live.AfPacketConfig;
import io.telltale.capture.source.live.CaptureCounters;
import io.telltale.capture.source.live.LiveCaptureException;
import io.telltale.capture.source.live.Privileges;
import io.telltale.analysis.asset.OuiRegistry;
import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.detect.Detectors;
import io.telltale.analysis.detect.sensor.CaptureGaps;
import io.telltale.analysis.pipeline.SerialSink;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.analysis.policy.PolicyWatcher;
import io.telltale.dashboard.output.AssetLog;
import io.telltale.dashboard.output.LogSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telltale capture}: live capture on an interface into the same logs {@code read} writes, on
 * every core, until a duration passes or the process is told to stop (SIGINT, SIGTERM), when every flow
 * is ended and written. Started as root, it opens its sockets and then becomes an unprivileged user.
 */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Capture live from an interface (a SPAN port) and write conn.log and the protocol logs.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:captured and written", "1:the capture could not be opened or failed", "2:the command line was wrong",
            "3:the output could not be written"})
public final class CaptureCommand implements Callable<Integer> {

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IF", description = "interface to capture on")
    String interfaceName;

    @Option(names = "--silence", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "make the capture interface mute before capturing: ARP and IPv6 off on it, so it never answers "
                    + "or announces itself on the mirrored network (needs CAP_NET_ADMIN; an interface with an IPv4 "
                    + "address is left as it is). Default: on")
    boolean silence;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the logs (created if missing)")
    Path out;

    @Option(names = "--source", paramLabel = "KIND", defaultValue = "afpacket",
            description = "afpacket (Linux, the default: a TPACKET_V3 ring per worker) or libpcap")
    String source;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "worker threads, each owning its share of the flows. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--filter", paramLabel = "BPF", description = "a BPF filter in tcpdump's syntax")
    String filter;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "stop after this long (0: until SIGINT or SIGTERM). Default: ${DEFAULT-VALUE}")
    long durationSeconds;

    @Option(names = "--user", paramLabel = "USER",
            description = "become this user once the sockets are open. Default when started as root: nobody")
    String user;

    @Option(names = "--flows-only", description = "write flow records only (conn.log): no payload is looked at")
    boolean flowsOnly;

    @Option(names = "--ring-block-kib", paramLabel = "KIB", defaultValue = "1024", description = "AF_PACKET ring block size")
    int blockKib;

    @Option(names = "--ring-blocks", paramLabel = "N", defaultValue = "64", description = "AF_PACKET ring blocks per worker")
    int blocks;

    @Option(names = "--ring-retire-ms", paramLabel = "MS", defaultValue = "60", description = "AF_PACKET block retire timeout")
    int retireMillis;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "seconds between health lines. Default: ${DEFAULT-VALUE}")
    int statsSeconds;

    @Option(names = "--policy", paramLabel = "POLICY.yaml",
            description = "what each device group is declared to do; turns detection on: alerts are printed as they fire "
                    + "and written to DIR/alerts.jsonl, the devices to DIR/assets.jsonl at the end. The file is watched and "
                    + "reloaded when it changes (a file with a mistake is refused and the policy in force stays)")
    Path policyFile;

    @Option(names = "--learn", description = "with --policy: learn from this capture as baseline learn does from files; "
            + "when it stops, the declarations it would propose are printed as a diff of the policy and written to "
            + "DIR/policy-proposal.diff (nothing is changed: apply them with baseline learn --apply or by hand)")
    boolean learn;

    @Option(names = "--rules", paramLabel = "PATH", description = "Suricata-compatible rule files, folders of *.rules, or "
            + "'starter' (repeatable); reloaded when they change")
    List<Path> rules;

    @Option(names = "--indicators", paramLabel = "PATH", description = "indicator lists (text, CSV, STIX 2.1, or a YAML "
            + "manifest; repeatable); reloaded when they change")
    List<Path> indicators;

    @Option(names = "--rule-vars", paramLabel = "YAML", description = "the rules' variables, as suricata.yaml's 'vars:'")
    Path ruleVars;

    @Option(names = "--evaluate-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "seconds between evaluations of series (beacons, silent devices). Default: ${DEFAULT-VALUE}")
    int evaluateSeconds;

    @Option(names = "--local-nets", split = ",", paramLabel = "CIDR",
            description = "networks that are local, for local_orig/local_resp. Default: Zeek's private and special-purpose ranges")
    List<String> localNets;

    @CommandLine.Mixin
    OutputOptions outputOptions = new OutputOptions();

    @CommandLine.Mixin
    DataDirOptions data = new DataDirOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!source.equals("afpacket") && !source.equals("libpcap")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--source must be afpacket or libpcap, not " + source);
        }
        if (workers < 1 || workers > 64 || statsSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be 1-64 and --stats-interval at least 1");
        }
        AfPacketConfig ring;
        try {
            ring = AfPacketConfig.of(interfaceName).withRing(blockKib * 1024, blocks, retireMillis).withFilter(filter);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Policy policy = null;
        String policyText = null;
        if (learn && policyFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--learn needs --policy: proposals extend a policy");
        }
        if (policyFile != null) {
            try {
                policy = PolicyLoader.load(policyFile);
            } catch (PolicyLoader.PolicyException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--policy: " + e.getMessage());
            }
            policy.notes().forEach(note -> stderr.println("telltale capture: policy: " + note));
            try {
                policyText = Files.readString(policyFile);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--policy: cannot read " + policyFile + ": " + e.getMessage());
            }
        }
        LiveCapture capture;
        java.util.concurrent.atomic.AtomicLong interfaceGaps = new java.util.concurrent.atomic.AtomicLong();
        // SIGINT/SIGTERM: the hook asks the capture to stop, then holds the JVM until every flow is written
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            stderr.println("telltale capture: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        }
        data.validate(spec.commandLine());
        FlowConfig flowConfig = FlowConfig.DEFAULTS.withWatched(WatchedNetworks.of(policy));
        if (localNets != null) {
            try {
                flowConfig = flowConfig.withLocalNetworks(io.telltale.capture.flow.LocalNetworks.parse(localNets));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--local-nets: " + e.getMessage());
            }
        }
        io.telltale.dashboard.sink.Outputs outputs = outputOptions.load(spec.commandLine());
        io.telltale.dashboard.sink.Outputs.Opened opened = null;
        FlowIndexing indexing = null;
        try (LogSet logs = FlowFormat.zeek.open(out, Clock.systemDefaultZone(), false)) {
            io.telltale.analysis.baseline.PolicyLearner learner = learn && policy != null
                    ? new io.telltale.analysis.baseline.PolicyLearner(policy) : null;
            if (data.dataDir != null) {
                indexing = FlowIndexing.open(data, policy, false, stderr, spec.commandLine());
            }
            // a full disk under the logs costs log lines, not the capture
            LogWriteGuard guardedLogs = new LogWriteGuard(logs, out, line -> {
                synchronized (stdout) {
                    stdout.println(line);
                    stdout.flush();
                }
            });
            io.telltale.analysis.event.EventSink logsAndIndex = indexing == null ? guardedLogs
                    : io.telltale.analysis.event.EventSink.both(guardedLogs, indexing.sink());
            if (outputs != null) {
                opened = outputs.open(OutputOptions.spoolDirectory(data, out), Clock.systemUTC(),
                        outputOptions.registry, m -> {
                            synchronized (stdout) {
                                stderr.println("telltale capture: " + m);
                                stderr.flush();
                            }
                        });
                logsAndIndex = io.telltale.analysis.event.EventSink.both(logsAndIndex, opened);
            }
            io.telltale.analysis.event.EventSink alertsAndLogs = AlertPrinter.printing(PipelineMeters.countingAlerts(logsAndIndex, outputOptions.registry), stdout);
            if (learner != null) {
                io.telltale.analysis.event.EventSink printed = alertsAndLogs;
                alertsAndLogs = new io.telltale.analysis.event.EventSink() {
                    @Override
                    public void accept(io.telltale.analysis.event.MonitorEvent event) {
                        printed.accept(event);
                        learner.accept(event);
                    }

                    @Override
                    public void endOfBatch() {
                        printed.endOfBatch();
                    }
                };
            }
            // read now, while the files can be: the watcher compiles reloads against the same variables after privileges go
            io.telltale.signatures.rule.RuleParser.Context ruleContext = SignatureOptions.context(ruleVars, spec);
            io.telltale.signatures.engine.SignatureDetector signatures = rules == null ? null
                    : SignatureOptions.rules(rules, ruleContext, stderr, "telltale capture", spec);
            io.telltale.signatures.ioc.IndicatorDetector iocs = indicators == null ? null
                    : SignatureOptions.indicators(indicators, stderr, "telltale capture", spec);
            List<io.telltale.analysis.detect.Detector> detectors = new java.util.ArrayList<>(policy == null ? List.of()
                    : Detectors.all(policy, true));
            if (signatures != null) {
                detectors.add(signatures);
            }
            if (iocs != null) {
                detectors.add(iocs);
            }
            DetectionSink detection = detectors.isEmpty() ? null : new DetectionSink(alertsAndLogs, detectors,
                    policy != null ? policy : Policy.empty(), OuiRegistry.system());
            // one lock for the workers' events and the periodic evaluations: detectors see one thing at a time
            SerialSink events = new SerialSink(detection == null ? logsAndIndex : detection);
            // the sensor's own gaps are alerts like any other: printed, counted, logged, indexed and sent
            io.telltale.analysis.event.EventSink alerting = alertsAndLogs;
            CaptureGaps gapAlerts = new CaptureGaps(alert -> {
                synchronized (events) {
                    alerting.accept(alert);
                    alerting.endOfBatch();
                }
            });
            capture = new LiveCapture(interfaceName, source.equals("afpacket"), workers, ring, flowConfig, events, line -> {
                if (line.startsWith("capture-gap")) {
                    interfaceGaps.incrementAndGet();
                }
                synchronized (stdout) {
                    stdout.println(line);
                    stdout.flush();
                }
            });
            capture.reportGapsTo(gapAlerts);
            if (flowsOnly) {
                capture.flowsOnly();
            }
            if (indexing != null && indexing.store() != null) {
                capture.storeWith(indexing.store());
            }
            if (signatures != null && !flowsOnly) {
                capture.inspectWith(() -> new io.telltale.signatures.engine.PacketInspector(signatures::rules));
            }
            try {
                if (silence) {
                    for (String line : io.telltale.capture.source.live.SilentInterface.silence(interfaceName)) {
                        stdout.println("capture: " + line);
                    }
                }
                capture.start();
            } catch (LiveCaptureException e) {
                stderr.println("telltale capture: " + e.getMessage());
                return ExitCodes.INPUT_DAMAGED;
            }
            AssetLog.InventoryFile inventoryFile = null;
            java.nio.channels.FileChannel proposalFile = null;
            // made while we may still create files in the output directory (a capture gap is an alert, with or without a policy)
            logs.openAll();
            if (detection != null) {
                inventoryFile = AssetLog.InventoryFile.open(out.resolve("assets.jsonl"));
                if (learner != null) {
                    proposalFile = java.nio.channels.FileChannel.open(out.resolve("policy-proposal.diff"),
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                }
            }
            String becomes = user != null ? user : Privileges.isRoot() ? "nobody" : null;
            if (becomes != null && !becomes.equals("root")) {
                if (indexing != null) {
                    // the index and the store keep making files: the data directory becomes the user's
                    DataDirectoryOwner.give(data.dataDir, becomes);
                }
                if (opened != null) {
                    for (Path d : opened.writableDirectories()) {
                        DataDirectoryOwner.give(d, becomes); // spools and rotated files are made after the drop
                    }
                }
                Privileges.dropTo(becomes);
            }
            stdout.printf(Locale.ROOT, "capturing on %s: %s source, %d worker%s, running as %s (effective capabilities %x)%n",
                    interfaceName, source, workers, workers == 1 ? "" : "s",
                    becomes != null && !becomes.equals("root") ? becomes : System.getProperty("user.name"),
                    Privileges.effectiveCapabilities());
            stdout.flush();
            // its meters are on /metrics under telltale run
            CaptureHealth health = new CaptureHealth(capture, outputOptions.registry, stdout, gapAlerts)
                    .watchStores(indexing == null ? null : indexing.store(), indexing == null ? null : indexing.sink(), guardedLogs);
            PipelineMeters.bindPipeline(outputOptions.registry, capture);
            PipelineMeters.bindLogs(outputOptions.registry, guardedLogs);
            if (indexing != null) {
                PipelineMeters.bindIndex(outputOptions.registry, indexing.sink(), data.dataDir.resolve("index"));
                if (indexing.store() != null) {
                    PipelineMeters.bindStore(outputOptions.registry, indexing.store());
                }
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                    .name("telltale-health").unstarted(r));
            ticker.scheduleAtFixedRate(health::report, statsSeconds, statsSeconds, TimeUnit.SECONDS);
            PolicyWatcher watcher = null;
            io.telltale.signatures.reload.SignatureWatcher ruleWatcher = null;
            if (signatures != null || iocs != null) {
                ruleWatcher = new io.telltale.signatures.reload.SignatureWatcher(rules, ruleContext, signatures, indicators, iocs, line -> {
                            synchronized (stdout) {
                                stdout.println(line);
                                stdout.flush();
                            }
                        }).every(2);
            }
            if (detection != null) {
                ticker.scheduleAtFixedRate(() -> {
                    synchronized (events) {
                        detection.finish(LiveCapture.wallNanos());
                    }
                }, evaluateSeconds, evaluateSeconds, TimeUnit.SECONDS);
                if (policyFile != null) {
                    watcher = new PolicyWatcher(policyFile, policy, PolicyWatcher.printing(line -> {
                        synchronized (stdout) {
                            stdout.println(line);
                            stdout.flush();
                        }
                    })).every(2);
                }
            }
            Runtime.getRuntime().addShutdownHook(hook);
            if (durationSeconds > 0) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            ticker.shutdownNow();
            if (watcher != null) {
                watcher.close();
            }
            if (ruleWatcher != null) {
                ruleWatcher.close();
            }
            capture.stop();
            health.report();
            gapAlerts.stop(LiveCapture.wallNanos());
            if (detection != null) {
                synchronized (events) {
                    detection.finish(LiveCapture.wallNanos());
                }
            }
            logs.endOfInput();
            if (indexing != null) {
                indexing.close();
                indexing.report(stdout, stderr);
            }
            if (opened != null) {
                opened.close(); // waits for the SIEM (up to drain_timeout); what is left stays spooled for the next start
                for (String line : opened.summary()) {
                    stdout.println("output      " + line);
                }
            }
            long packets = 0;
            long drops = 0;
            for (LiveCapture.Share share : capture.shares()) {
                CaptureCounters c = share.counters();
                packets += c.packets();
                drops += c.kernelDrops() + c.interfaceDrops();
            }
            stdout.printf(Locale.ROOT, "captured %,d packets; %,d flows written to %s; dropped %,d, shed %,d, capture gaps %d%n",
                    packets, logs.flows(), logs.connDestination(), drops, capture.shed(), health.gaps() + interfaceGaps.get());
            logs.protocolRecords().forEach((log, n) -> {
                if (n > 0) {
                    stdout.printf(Locale.ROOT, "  %-11s %,d%n", log, n);
                }
            });
            if (detection != null) {
                try (AssetLog.InventoryFile file = inventoryFile) {
                    file.write(detection.inventory().assets());
                }
                AlertPrinter.summary(stdout, detection, out.resolve("alerts.jsonl"));
            }
            if (learner != null) {
                String diff = LiveLearning.proposal(policyFile, policyText, policy, learner.proposals());
                stdout.print(diff);
                try (java.nio.channels.FileChannel file = proposalFile) {
                    file.write(java.nio.charset.StandardCharsets.UTF_8.encode(diff));
                }
            }
            stdout.flush();
        } catch (IOException e) {
            stderr.println("telltale capture: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        } catch (RuntimeException | Error e) {
            // said here, before the shutdown hook may let the JVM end and take picocli's report with it
            stderr.println("telltale capture: failed: " + e);
            e.printStackTrace(stderr);
            stderr.flush();
            throw e;
        } finally {
            finished.countDown(); // the logs are closed: a shutdown hook waiting on them may let the JVM end
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal stopped us: the hook is running and returns now that the logs are closed
        }
        return ExitCodes.OK;
    }
}
