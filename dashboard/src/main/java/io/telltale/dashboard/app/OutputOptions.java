package io.telltale.dashboard.app;

import io.telltale.dashboard.siem.AlertEncoder;
import io.telltale.dashboard.siem.SyslogDestination;
import io.telltale.dashboard.sink.KafkaOutput;
import io.telltale.dashboard.sink.Outputs;
import io.telltale.dashboard.sink.RecordClass;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where else everything goes, shared by read and capture: {@code --outputs FILE} for the whole
 * story, and quick flags for the common case ({@code --syslog tls://siem:6514 --syslog-format cef},
 * {@code --kafka host:9092}), which add to what the file names. Everything is checked before any
 * work starts, and refused with where and why.
 */
final class OutputOptions {

    @Option(names = "--outputs", paramLabel = "OUTPUTS.yaml",
            description = "where else everything goes: SIEM destinations (syslog over TLS, TCP or UDP in RFC 5424 or 3164 with "
                    + "CEF, LEEF, JSON or our structured data), rotated JSON-lines files, Kafka clusters; see examples/outputs.yaml. "
                    + "Alerts for a SIEM wait in a spool on disk until delivered (DATA/spool, or DIR/spool without --data-dir)")
    Path file;

    @Option(names = "--syslog", paramLabel = "URL",
            description = "send alerts to a SIEM (repeatable): tls://HOST[:6514], tcp://HOST[:514] or udp://HOST[:514], "
                    + "with ?framing=octet|lf for tcp and tls (default octet)")
    List<String> syslog;

    @Option(names = "--syslog-format", paramLabel = "FORMAT", defaultValue = "rfc5424",
            description = "what --syslog sends: rfc5424 (our structured data), cef, leef, json (Suricata EVE), ecs or ocsf. "
                    + "Default: ${DEFAULT-VALUE}")
    String syslogFormat;

    @Option(names = "--syslog-ca", paramLabel = "PEM", description = "trust anchors for tls:// (default: the system's)")
    Path syslogCa;

    @Option(names = "--syslog-cert", paramLabel = "PEM", description = "our client certificate for tls:// (mutual authentication)")
    Path syslogCert;

    @Option(names = "--syslog-key", paramLabel = "PEM", description = "its key (PKCS#8 PEM)")
    Path syslogKey;

    @Option(names = "--spool-dir", paramLabel = "DIR",
            description = "where alerts wait for their SIEM (default DATA/spool, or DIR/spool without --data-dir)")
    Path spoolDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "publish flows, protocol records, alerts and asset changes to Kafka (topics telltale.flows, "
                    + "telltale.protocol, telltale.alerts, telltale.assets), keyed by device")
    String kafka;

    /** Outputs given by the caller (telltale run's configuration), which the flags add to; null: none. */
    Outputs preset;

    /** Where the outputs' meters go: the dashboard's Prometheus registry under telltale run, else a private one. */
    io.micrometer.core.instrument.MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    /** The outputs asked for, or null when none were. */
    Outputs load(CommandLine commandLine) {
        Outputs outputs;
        try {
            outputs = file == null ? (preset != null ? preset : Outputs.none()) : Outputs.load(file);
        } catch (Outputs.OutputsException e) {
            throw new CommandLine.ParameterException(commandLine, "--outputs: " + e.getMessage());
        }
        try {
            for (String url : syslog == null ? List.<String>of() : syslog) {
                outputs = outputs.withSyslog(destination(url));
            }
            if (kafka != null) {
                outputs = outputs.withKafka(new KafkaOutput("kafka", kafka, Map.of(RecordClass.FLOWS, "telltale.flows",
                        RecordClass.PROTOCOL, "telltale.protocol", RecordClass.ALERTS, "telltale.alerts",
                        RecordClass.ASSETS, "telltale.assets"), Map.of()));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        if (spoolDir != null) {
            outputs = outputs.withSpoolDir(spoolDir);
        }
        return outputs.isEmpty() ? null : outputs;
    }

    private SyslogDestination destination(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--syslog " + url + ": " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--syslog " + url + ": write tls://HOST[:PORT], tcp://HOST[:PORT] or udp://HOST[:PORT]");
        }
        SyslogDestination.Transport transport;
        try {
            transport = SyslogDestination.Transport.of(uri.getScheme());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--syslog " + url + ": " + e.getMessage().replace("transport", "the scheme"));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : transport == SyslogDestination.Transport.TLS ? 6514 : 514;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        AlertEncoder.Payload payload = switch (syslogFormat.toLowerCase(java.util.Locale.ROOT)) {
            case "rfc5424", "syslog" -> AlertEncoder.Payload.SYSLOG;
            case "json", "eve" -> AlertEncoder.Payload.EVE;
            default -> {
                try {
                    yield AlertEncoder.Payload.of(syslogFormat);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--syslog-format is rfc5424, cef, leef, json, ecs or ocsf, not \"" + syslogFormat + "\"");
                }
            }
        };
        // the name keys the spool directory: the same URL finds its spool again after a restart
        String name = (uri.getScheme() + "-" + host + "-" + port).replaceAll("[^A-Za-z0-9_.-]", "_");
        SyslogDestination d = SyslogDestination.of(name, transport, host, port, payload);
        String query = uri.getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equals("framing=lf")) {
                    d = d.withFraming(SyslogDestination.Framing.LF);
                } else if (!pair.equals("framing=octet")) {
                    throw new IllegalArgumentException("--syslog " + url + ": the only option is framing=octet|lf, not \"" + pair + "\"");
                }
            }
        }
        if (transport == SyslogDestination.Transport.TLS) {
            d = d.withTls(new SyslogDestination.TlsSettings(syslogCa, syslogCert, syslogKey, null, null));
        } else if (syslogCa != null || syslogCert != null || syslogKey != null) {
            throw new IllegalArgumentException("--syslog-ca, --syslog-cert and --syslog-key are for tls:// destinations");
        }
        return d;
    }

    /** Where the SIEM spools go unless told: DATA/spool, or OUT/spool without a data directory. */
    static Path spoolDirectory(DataDirOptions data, Path out) {
        return (data.dataDir != null ? data.dataDir : out).resolve("spool");
    }
}
