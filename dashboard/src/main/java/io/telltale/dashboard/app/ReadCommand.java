package io.telltale.dashboard.app;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.LocalNetworks;
import io.telltale.dashboard.output.LogSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telltale read}: flows from capture files, written as Zeek conn.log or JSON lines. */
@Command(
        name = "read",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Read pcap or pcapng files and write one record per flow.",
            "",
            "Files are read in order as one stream of packets. A damaged file is read up to the damage, "
                    + "which is reported with its byte offset; the records of everything before it are kept.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything was read and written",
            "1:some input was damaged or unreadable (records before the damage were written)",
            "2:the command line was wrong",
            "3:the output could not be written"
        })
public final class ReadCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, read in the order given")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the output (created if missing)")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "zeek",
            description = "zeek (conn.log, dns.log: TSV as Zeek writes them) or jsonl (the same with Zeek's JSON fields). Default: ${DEFAULT-VALUE}")
    FlowFormat format;

    @Option(names = "--local-nets", split = ",", paramLabel = "CIDR",
            description = "networks that are local, for local_orig/local_resp. Default: Zeek's private and special-purpose ranges")
    List<String> localNets;

    @Option(names = "--max-flows", paramLabel = "N", defaultValue = "1048576",
            description = "live flows kept at most; beyond it the flow nearest its timeout is written early and counted. Default: ${DEFAULT-VALUE}")
    int maxFlows;

    @Option(names = "--active-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "write an interim record for flows active this long, then every period (0: never). Default: ${DEFAULT-VALUE}")
    long activeTimeoutSeconds;

    @Option(names = "--verify-checksums", negatable = true, defaultValue = "false",
            description = "check IP, TCP, UDP and ICMP checksums as Zeek does without -C: failing TCP and ICMP segments "
                    + "are not counted, failing UDP datagrams carry no data, and the history gets C. Off by default: "
                    + "captures taken on a sending host hold checksums left for the NIC to fill.")
    boolean verifyChecksums;

    @Option(names = "--flows-only", description = "write flow records only (conn.log): no protocol is dissected, "
            + "no payload looked at; the fastest way through a large capture")
    boolean flowsOnly;

    @Option(names = "--payload-stats", description = "add each direction's payload statistics to conn.log: entropy "
            + "of the first 64 payload bytes, mean and deviation of payload size and of the gap between packets")
    boolean payloadStats;

    @Option(names = "--filter", paramLabel = "BPF",
            description = "read only the frames this BPF expression accepts (tcpdump's syntax, compiled by libpcap)")
    String filter;

    @Option(names = "--policy", paramLabel = "POLICY.yaml",
            description = "what each device group is declared to do; turns detection on: alerts are printed as they "
                    + "fire and written to DIR/alerts.jsonl; the devices go to DIR/assets.jsonl and what changed about them to "
                    + "DIR/asset-changes.jsonl. 'none' declares nothing (every conversation is undeclared)")
    String policyFile;

    @Option(names = "--rules", paramLabel = "PATH",
            description = "Suricata-compatible rule files, folders of *.rules files, or 'starter' for the bundled starter rules "
                    + "(repeatable); turns detection on with "
                    + "the rules alone, or beside the policy's detectors with --policy. 'telltale rules check' says what loads")
    List<Path> rules;

    @Option(names = "--indicators", paramLabel = "PATH",
            description = "indicator lists (repeatable): plain text or CSV (directives '# name:', '# severity:', '# expires:'), "
                    + "STIX 2.1 bundles (.json), or a YAML manifest 'lists: [{name, file, severity, expires}]'")
    List<Path> indicators;

    @Option(names = "--rule-vars", paramLabel = "YAML",
            description = "the rules' address and port variables, as suricata.yaml's 'vars:' section (default: its defaults)")
    Path ruleVars;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "threads that meter and dissect, each owning the flows of its host pairs; the reading thread "
                    + "spreads frames over them. The records are the same for any N (their order in a log is not). "
                    + "Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--replay", paramLabel = "PACE", defaultValue = "fast",
            description = "fast (as fast as it goes) or realtime (each packet at its captured time after the first: a demo, "
                    + "or the live appliance tried from a file). SIGTERM or Ctrl-C ends a read early with everything read "
                    + "so far written. Default: ${DEFAULT-VALUE}")
    String replay;

    @CommandLine.Mixin
    OutputOptions outputOptions = new OutputOptions();

    @CommandLine.Mixin
    DataDirOptions data = new DataDirOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by SIGTERM or Ctrl-C: the read ends at the next batch and finishes what it has. */
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public Integer call() {
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            try {
                finished.await(60, java.util.concurrent.TimeUnit.SECONDS); // flows, index and spools are written first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "telltale-read-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return read();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }

    private Integer read() {
        FlowConfig config;
        try {
            config = FlowConfig.DEFAULTS.withMaxFlows(maxFlows)
                    .withActiveTimeoutNanos(activeTimeoutSeconds * 1_000_000_000L)
                    .withVerifyChecksums(verifyChecksums);
            if (localNets != null) {
                config = config.withLocalNetworks(LocalNetworks.parse(localNets));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!replay.equals("fast") && !replay.equals("realtime")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replay is fast or realtime, not " + replay);
        }
        if (workers < 1 || workers > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be 1-256, not " + workers);
        }
        data.validate(spec.commandLine());
        java.util.Map<Path, String> fingerprints = new java.util.LinkedHashMap<>();
        if (data.dataDir != null) {
            IndexedInputs inputs = new IndexedInputs(data.dataDir);
            for (Path file : files) {
                try {
                    String fingerprint = IndexedInputs.fingerprint(file);
                    java.util.Optional<String> before = inputs.indexedBefore(fingerprint);
                    if (before.isPresent() && !data.reindex) {
                        throw new CommandLine.ParameterException(spec.commandLine(), file + " was indexed into " + data.dataDir
                                + " before (" + before.get() + "); its flows would be there twice. Use another --data-dir, "
                                + "or --reindex to do it anyway");
                    }
                    fingerprints.put(file, fingerprint);
                } catch (IOException e) {
                    // unreadable: the read below says so with the rest of the damage
                }
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        io.telltale.analysis.policy.Policy policy = null;
        if (policyFile != null) {
            try {
                policy = policyFile.equals("none") ? io.telltale.analysis.policy.Policy.empty()
                        : io.telltale.analysis.policy.PolicyLoader.load(Path.of(policyFile));
            } catch (io.telltale.analysis.policy.PolicyLoader.PolicyException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--policy: " + e.getMessage());
            }
            for (String note : policy.notes()) {
                stderr.println("telltale read: policy: " + note);
            }
        }
        config = config.withWatched(WatchedNetworks.of(policy));
        io.telltale.signatures.engine.SignatureDetector signatures = rules == null ? null
                : SignatureOptions.rules(rules, SignatureOptions.context(ruleVars, spec), stderr, "telltale read", spec);
        io.telltale.signatures.ioc.IndicatorDetector iocs = indicators == null ? null
                : SignatureOptions.indicators(indicators, stderr, "telltale read", spec);
        io.telltale.dashboard.sink.Outputs outputs = outputOptions.load(spec.commandLine());
        if (outputs != null && !outputs.syslog().isEmpty() && policyFile == null && rules == null && indicators == null) {
            stderr.println("telltale read: no --policy, --rules or --indicators: nothing raises alerts, so the SIEM gets none");
        }
        io.telltale.analysis.detect.DetectionSink[] detection = new io.telltale.analysis.detect.DetectionSink[1];
        io.telltale.dashboard.sink.Outputs.Opened opened = null;
        ReadSummary summary;
        try {
            Files.createDirectories(out);
            try (LogSet logs = format.open(out, Clock.systemDefaultZone(), payloadStats)) {
                FlowFileReader reader = new FlowFileReader(config, !flowsOnly, workers).withFilter(filter).stopWhen(stopping::get);
                if (replay.equals("realtime")) {
                    reader.paced();
                }
                if (signatures != null && signatures.rules().packetRules() > 0) {
                    reader.withInspectors(() -> new io.telltale.signatures.engine.PacketInspector(signatures::rules));
                }
                if (policy != null || signatures != null || iocs != null) {
                    io.telltale.analysis.policy.Policy p = policy != null ? policy : io.telltale.analysis.policy.Policy.empty();
                    List<io.telltale.analysis.detect.Detector> detectors = new java.util.ArrayList<>(policy != null
                            ? io.telltale.analysis.detect.Detectors.all(p) : List.of());
                    if (signatures != null) {
                        detectors.add(signatures);
                    }
                    if (iocs != null) {
                        detectors.add(iocs);
                    }
                    reader.withDetection(l -> detection[0] = new io.telltale.analysis.detect.DetectionSink(
                            AlertPrinter.printing(PipelineMeters.countingAlerts(l, outputOptions.registry), stdout), detectors, p, io.telltale.analysis.asset.OuiRegistry.system()));
                }
                if (outputs != null) {
                    Path spool = OutputOptions.spoolDirectory(data, out);
                    opened = outputs.open(spool, Clock.systemUTC(), outputOptions.registry,
                            m -> {
                                stderr.println("telltale read: " + m);
                                stderr.flush();
                            });
                    reader.withOutputs(opened);
                }
                try (FlowIndexing indexing = data.dataDir == null ? null : FlowIndexing.open(data, policy, true, stderr, spec.commandLine())) {
                    if (indexing != null) {
                        PipelineMeters.bindIndex(outputOptions.registry, indexing.sink(), data.dataDir.resolve("index"));
                        PipelineMeters.bindPipeline(outputOptions.registry, reader);
                        reader.withIndex(indexing.sink());
                        if (indexing.store() != null) {
                            reader.withPacketStore(indexing.store());
                        }
                    }
                    summary = reader.read(files, logs);
                    if (indexing != null) {
                        indexing.close();
                        indexing.report(stdout, stderr);
                        IndexedInputs inputs = new IndexedInputs(data.dataDir);
                        for (var read : fingerprints.entrySet()) {
                            inputs.record(read.getKey(), read.getValue());
                        }
                    }
                }
            }
            if (opened != null) {
                opened.close(); // drains the SIEM spools (up to their drain timeout); what is left is sent next time
            }
            if (detection[0] != null) {
                io.telltale.dashboard.output.AssetLog.writeInventory(out.resolve("assets.jsonl"), detection[0].inventory().assets());
            }
        } catch (IOException e) {
            stderr.println("telltale read: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        } catch (io.telltale.capture.source.live.LiveCaptureException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--filter: " + e.getMessage());
        }
        if (stopping.get()) {
            stdout.println("stopped early (SIGTERM): what was read before is written");
        }
        new SummaryPrinter(stdout).print(summary);
        if (opened != null) {
            for (String line : opened.summary()) {
                stdout.println("output      " + line);
            }
        }
        if (detection[0] != null) {
            AlertPrinter.summary(stdout, detection[0], out.resolve("alerts.jsonl"));
        }
        stdout.flush();
        return summary.damage().isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_DAMAGED;
    }
}
