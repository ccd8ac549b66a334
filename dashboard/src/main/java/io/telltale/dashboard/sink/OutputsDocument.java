package io.telltale.dashboard.sink;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.telltale.dashboard.siem.AlertEncoder;
import io.telltale.dashboard.siem.SyslogDestination;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The outputs file as written (YAML, snake_case like the policy). Each entry is turned into its
 * destination as it is read, so a wrong value is reported at its line and column. Every option and
 * its default is in {@code examples/outputs.yaml}.
 */
public record OutputsDocument(Sensor sensor, @JsonProperty("spool_dir") String spoolDir, @JsonProperty("drain_timeout") Span drainTimeout,
                       List<Syslog> syslog, List<Jsonl> jsonl, List<Kafka> kafka) {

    public OutputsDocument {
        syslog = syslog == null ? List.of() : List.copyOf(syslog);
        jsonl = jsonl == null ? List.of() : List.copyOf(jsonl);
        kafka = kafka == null ? List.of() : List.copyOf(kafka);
        Set<String> names = new LinkedHashSet<>();
        for (Syslog s : syslog) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two syslog destinations are named \"" + s.name() + "\" (each has its own spool)");
            }
        }
    }

    public record Sensor(String hostname, String address, @JsonProperty("enterprise_number") Integer enterpriseNumber) {
        public Sensor {
            if (enterpriseNumber != null && enterpriseNumber < 1) {
                throw new IllegalArgumentException("enterprise_number is an IANA Private Enterprise Number (1 or more)");
            }
        }
    }

    public record Tls(String ca, String certificate, String key, @JsonProperty("server_name") String serverName, String fingerprint) {
    }

    /** A syslog facility: a name ({@code local4}) or 0–23. */
    public record Facility(int code) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Facility of(String text) {
            return new Facility(facility(text));
        }
    }

    /** A minimum severity. */
    public record Severity(String text) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Severity of(String text) {
            if (!List.of("info", "low", "medium", "high", "critical").contains(text)) {
                throw new IllegalArgumentException("min_severity is info, low, medium, high or critical, not \"" + text + "\"");
            }
            return new Severity(text);
        }
    }

    /** A size ({@code 256M}). */
    public record Size(long bytes) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Size of(String text) {
            return new Size(ConfigValues.bytes("a size", text));
        }
    }

    /** A duration ({@code 1s}, {@code 1h}). */
    public record Span(java.time.Duration duration) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Span of(String text) {
            return new Span(ConfigValues.duration("a duration", text));
        }
    }

    public record Syslog(String name, SyslogDestination.Transport transport, String host, Integer port, SyslogDestination.Framing framing,
                  AlertEncoder.Header header, AlertEncoder.Payload format, Facility facility,
                  @JsonProperty("min_severity") Severity minSeverity, List<String> categories,
                  @JsonProperty("rate_limit") Double rateLimit, Integer burst,
                  @JsonProperty("max_message_bytes") Integer maxMessageBytes, Boolean bom,
                  @JsonProperty("confirm_after") Span confirmAfter, @JsonProperty("spool_quota") Size spoolQuota, Tls tls) {
        public Syslog {
            destination(name, transport, host, port, framing, header, format, facility, minSeverity, categories, rateLimit, burst,
                    maxMessageBytes, bom, confirmAfter, spoolQuota, tls);
        }

        SyslogDestination destination() {
            return destination(name, transport, host, port, framing, header, format, facility, minSeverity, categories, rateLimit,
                    burst, maxMessageBytes, bom, confirmAfter, spoolQuota, tls);
        }

        private static SyslogDestination destination(String name, SyslogDestination.Transport transport, String host, Integer port,
                SyslogDestination.Framing framing, AlertEncoder.Header header, AlertEncoder.Payload format, Facility facility,
                Severity minSeverity, List<String> categories, Double rateLimit, Integer burst, Integer maxMessageBytes, Boolean bom,
                Span confirmAfter, Size spoolQuota, Tls tls) {
            if (name == null) {
                throw new IllegalArgumentException("a syslog destination needs a name");
            }
            if (host == null) {
                throw new IllegalArgumentException(name + ": host is required");
            }
            SyslogDestination.Transport t = transport == null ? SyslogDestination.Transport.TLS : transport;
            AlertEncoder.Payload p = format == null ? AlertEncoder.Payload.SYSLOG : format;
            int defaultPort = t == SyslogDestination.Transport.TLS ? 6514 : 514;
            SyslogDestination d = SyslogDestination.of(name, t, host, port == null ? defaultPort : port, p);
            if (framing != null) {
                d = d.withFraming(framing);
            }
            if (header != null) {
                d = d.withHeader(header);
            }
            if (facility != null) {
                d = d.withFacility(facility.code());
            }
            if (minSeverity != null || categories != null) {
                d = d.withFilter(minSeverity == null ? "info" : minSeverity.text(), categories == null ? Set.of() : Set.copyOf(categories));
            }
            if (rateLimit != null) {
                if (rateLimit < 0) {
                    throw new IllegalArgumentException(name + ": rate_limit is alerts per second, 0 or more");
                }
                d = d.withRate(rateLimit, burst == null ? (int) Math.max(1, Math.ceil(rateLimit)) : burst);
            }
            if (maxMessageBytes != null) {
                d = d.withMaxMessageBytes(maxMessageBytes);
            }
            if (confirmAfter != null) {
                d = d.withConfirmAfter(confirmAfter.duration());
            }
            if (spoolQuota != null) {
                d = d.withSpoolQuota(spoolQuota.bytes());
            }
            if (bom != null) {
                d = new SyslogDestination(d.name(), d.transport(), d.host(), d.port(), d.framing(), d.header(), d.payload(),
                        d.facility(), d.minSeverity(), d.categories(), d.ratePerSecond(), d.rateBurst(), d.maxMessageBytes(),
                        d.tls(), d.spoolQuotaBytes(), d.confirmAfter(), bom);
            }
            if (tls != null) {
                if (t != SyslogDestination.Transport.TLS) {
                    throw new IllegalArgumentException(name + ": 'tls' settings need transport: tls");
                }
                d = d.withTls(new SyslogDestination.TlsSettings(path(tls.ca()), path(tls.certificate()), path(tls.key()),
                        tls.serverName(), tls.fingerprint()));
            }
            return d;
        }
    }

    public record Jsonl(String name, String path, List<RecordClass> records, @JsonProperty("alert_format") String alertFormat,
                 @JsonProperty("rotate_bytes") Size rotateBytes, @JsonProperty("rotate_every") Span rotateEvery, Integer keep) {
        public Jsonl {
            output(name, path, records, alertFormat, rotateBytes, rotateEvery, keep);
        }

        JsonLinesOutput output() {
            return output(name, path, records, alertFormat, rotateBytes, rotateEvery, keep);
        }

        private static JsonLinesOutput output(String name, String path, List<RecordClass> records, String alertFormat,
                                              Size rotateBytes, Span rotateEvery, Integer keep) {
            if (name == null || path == null) {
                throw new IllegalArgumentException("a jsonl output needs a name and a path");
            }
            Set<RecordClass> classes = new LinkedHashSet<>(records == null ? List.of(RecordClass.ALERTS) : records);
            return new JsonLinesOutput(name, Path.of(path), classes, alertFormat == null ? "telltale" : alertFormat,
                    rotateBytes == null ? 100L << 20 : rotateBytes.bytes(),
                    rotateEvery == null ? java.time.Duration.ZERO : rotateEvery.duration(), keep == null ? 10 : keep);
        }
    }

    public record Kafka(String name, @JsonProperty("bootstrap_servers") String bootstrapServers, Map<RecordClass, String> topics,
                 Map<String, String> properties) {
        public Kafka {
            output(name, bootstrapServers, topics, properties);
        }

        KafkaOutput output() {
            return output(name, bootstrapServers, topics, properties);
        }

        private static KafkaOutput output(String name, String bootstrap, Map<RecordClass, String> topics,
                                          Map<String, String> properties) {
            if (name == null) {
                throw new IllegalArgumentException("a kafka output needs a name");
            }
            return new KafkaOutput(name, bootstrap, topics == null ? Map.of() : topics, properties == null ? Map.of() : properties);
        }
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }

    /** local0–local7, the other facility names, or a number 0–23. */
    static int facility(String text) {
        List<String> names = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
                "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (names.contains(t)) {
            return names.indexOf(t);
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 0 && n <= 23) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("facility is local0-local7 (or another syslog facility name, or 0-23), not \"" + text + "\"");
    }
}
