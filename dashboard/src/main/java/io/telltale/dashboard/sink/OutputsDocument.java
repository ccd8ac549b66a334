package io.telltale.dashboard.sink;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.telltale.dashboard.siem.AlertEncoder;
import io.telltale.dashboard.siem.SyslogDestination;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
record OutputsDocument(Sensor sensor, @JsonProperty("spool_dir") String spoolDir, @JsonProperty("drain_timeout") String drainTimeout,
                       List<Syslog> syslog, List<Jsonl> jsonl, List<Kafka> kafka) {

    OutputsDocument {
        syslog = syslog == null ? List.of() : List.copyOf(syslog);
        jsonl = jsonl == null ? List.of() : List.copyOf(jsonl);
        kafka = kafka == null ? List.of() : List.copyOf(kafka);
        Set<String> names = new LinkedHashSet<>();
        for (String name : syslog.stream().map(Syslog::name).toList()) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("two syslog destinations are named \"" + name + "\" (each has its own spool)");
            }
        }
        if (drainTimeout != null) {
            ConfigValues.duration("drain_timeout", drainTimeout);
        }
    }

    record Sensor(String hostname, String address, @JsonProperty("enterprise_number") Integer enterpriseNumber) {
        Sensor {
            if (enterpriseNumber != null && enterpriseNumber < 1) {
                throw new IllegalArgumentException("enterprise_number is an IANA Private Enterprise Number (1 or more)");
            }
        }
    }

    record Tls(String ca, String certificate, String key, @JsonProperty("server_name") String serverName, String fingerprint) {
    }

    record Syslog(String name, String transport, String host, Integer port, String framing, String header, String format,
                  String facility, @JsonProperty("min_severity") String minSeverity, List<String> categories,
                  @JsonProperty("rate_limit") Double rateLimit, Integer burst,
                  @JsonProperty("max_message_bytes") Integer maxMessageBytes, Boolean bom,
                  @JsonProperty("confirm_after") String confirmAfter, @JsonProperty("spool_quota") String spoolQuota, Tls tls) {
        Syslog {
            destination(name, transport, host, port, framing, header, format, facility, minSeverity, categories, rateLimit, burst,
                    maxMessageBytes, bom, confirmAfter, spoolQuota, tls);
        }

        SyslogDestination destination() {
            return destination(name, transport, host, port, framing, header, format, facility, minSeverity, categories, rateLimit,
                    burst, maxMessageBytes, bom, confirmAfter, spoolQuota, tls);
        }

        private static SyslogDestination destination(String name, String transport, String host, Integer port, String framing,
                String header, String format, String facility, String minSeverity, List<String> categories, Double rateLimit,
                Integer burst, Integer maxMessageBytes, Boolean bom, String confirmAfter, String spoolQuota, Tls tls) {
            if (name == null) {
                throw new IllegalArgumentException("a syslog destination needs a name");
            }
            if (host == null) {
                throw new IllegalArgumentException(name + ": host is required");
            }
            SyslogDestination.Transport t = choice(name, "transport", transport == null ? "tls" : transport,
                    SyslogDestination.Transport.class);
            AlertEncoder.Payload p = choice(name, "format", format == null ? "syslog" : format, AlertEncoder.Payload.class);
            int defaultPort = t == SyslogDestination.Transport.TLS ? 6514 : 514;
            SyslogDestination d = SyslogDestination.of(name, t, host, port == null ? defaultPort : port, p);
            if (framing != null) {
                d = d.withFraming(choice(name, "framing", framing.replace("octet-counting", "octet_counting"),
                        SyslogDestination.Framing.class));
            }
            if (header != null) {
                d = d.withHeader(choice(name, "header", header, AlertEncoder.Header.class));
            }
            if (facility != null) {
                d = d.withFacility(OutputsDocument.facility(name, facility));
            }
            if (minSeverity != null || categories != null) {
                String min = minSeverity == null ? "info" : minSeverity;
                if (!List.of("info", "low", "medium", "high", "critical").contains(min)) {
                    throw new IllegalArgumentException(name + ": min_severity is info, low, medium, high or critical, not \"" + min + "\"");
                }
                d = d.withFilter(min, categories == null ? Set.of() : Set.copyOf(categories));
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
                d = d.withConfirmAfter(ConfigValues.duration(name + ": confirm_after", confirmAfter));
            }
            if (spoolQuota != null) {
                d = d.withSpoolQuota(ConfigValues.bytes(name + ": spool_quota", spoolQuota));
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

    record Jsonl(String name, String path, List<String> records, @JsonProperty("alert_format") String alertFormat,
                 @JsonProperty("rotate_bytes") String rotateBytes, @JsonProperty("rotate_every") String rotateEvery, Integer keep) {
        Jsonl {
            output(name, path, records, alertFormat, rotateBytes, rotateEvery, keep);
        }

        JsonLinesOutput output() {
            return output(name, path, records, alertFormat, rotateBytes, rotateEvery, keep);
        }

        private static JsonLinesOutput output(String name, String path, List<String> records, String alertFormat,
                                              String rotateBytes, String rotateEvery, Integer keep) {
            if (name == null || path == null) {
                throw new IllegalArgumentException("a jsonl output needs a name and a path");
            }
            Set<RecordClass> classes = new LinkedHashSet<>();
            for (String r : records == null ? List.of("alerts") : records) {
                classes.add(RecordClass.parse(r));
            }
            return new JsonLinesOutput(name, Path.of(path), classes, alertFormat == null ? "telltale" : alertFormat,
                    rotateBytes == null ? 100L << 20 : ConfigValues.bytes(name + ": rotate_bytes", rotateBytes),
                    rotateEvery == null ? java.time.Duration.ZERO : ConfigValues.duration(name + ": rotate_every", rotateEvery),
                    keep == null ? 10 : keep);
        }
    }

    record Kafka(String name, @JsonProperty("bootstrap_servers") String bootstrapServers, Map<String, String> topics,
                 Map<String, String> properties) {
        Kafka {
            output(name, bootstrapServers, topics, properties);
        }

        KafkaOutput output() {
            return output(name, bootstrapServers, topics, properties);
        }

        private static KafkaOutput output(String name, String bootstrap, Map<String, String> topics, Map<String, String> properties) {
            if (name == null) {
                throw new IllegalArgumentException("a kafka output needs a name");
            }
            Map<RecordClass, String> byClass = new LinkedHashMap<>();
            for (var e : (topics == null ? Map.<String, String>of() : topics).entrySet()) {
                byClass.put(RecordClass.parse(e.getKey()), e.getValue());
            }
            return new KafkaOutput(name, bootstrap, byClass, properties == null ? Map.of() : properties);
        }
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }

    private static <E extends Enum<E>> E choice(String name, String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + field + " is one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toList() + ", not \"" + value + "\"");
        }
    }

    /** local0–local7, the other facility names, or a number 0–23. */
    static int facility(String name, String text) {
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
        throw new IllegalArgumentException(name + ": facility is local0-local7 (or another syslog facility name, or 0-23), not \"" + text + "\"");
    }
}
