package io.telltale.dashboard.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.telltale.dashboard.sink.OutputsDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The appliance's one configuration file ({@code telltale run --config}), as written: snake_case YAML,
 * unknown keys refused, every mistake named with its line and column. Relative paths are relative to
 * the file. {@code examples/telltale.yaml} documents every option with its default.
 */
record RunConfig(Capture capture, @JsonProperty("local_networks") List<String> localNetworks, String policy, List<String> rules,
                 List<String> indicators, @JsonProperty("rule_vars") String ruleVars, @JsonProperty("data_dir") String dataDir,
                 String logs, Retention retention, Packets packets, OutputsDocument outputs, Dashboard dashboard) {

    /** The web dashboard: where it listens, and its certificate (both or neither; none: one is made at first start). */
    record Dashboard(String listen, String certificate, String key, String hostname) {
        Dashboard {
            if (listen != null) {
                RunCommand.address(listen);
            }
            if ((certificate == null) != (key == null)) {
                throw new IllegalArgumentException("certificate and key go together (or neither: a self-signed one is made)");
            }
        }
    }

    /**
     * Where packets come from when no {@code --pcap} is given; {@code silence: false} leaves the interface's
     * ARP and IPv6 as they are (a lab, or a port that must answer), where the default mutes them.
     */
    record Capture(@JsonProperty("interface") String iface, Source source, Workers workers, String filter, String user,
                   @JsonProperty("stats_interval") Integer statsInterval, @JsonProperty("evaluate_interval") Integer evaluateInterval,
                   Boolean silence) {

        /** The capture command's options for this section. */
        List<String> arguments() {
            List<String> args = new java.util.ArrayList<>(List.of("capture", "--interface", iface));
            option(args, "--source", source);
            option(args, "--workers", workers);
            option(args, "--filter", filter);
            option(args, "--user", user);
            option(args, "--stats-interval", statsInterval);
            option(args, "--evaluate-interval", evaluateInterval);
            if (Boolean.FALSE.equals(silence)) {
                args.add("--no-silence");
            }
            return args;
        }
    }

    /** Adds {@code option value} to a command line when the value is set. */
    static void option(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /** The packet source, checked where it is written. */
    record Source(String name) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Source of(String name) {
            if (!name.equals("afpacket") && !name.equals("libpcap")) {
                throw new IllegalArgumentException("source is afpacket or libpcap, not \"" + name + "\"");
            }
            return new Source(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The worker count, checked where it is written. */
    record Workers(int count) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Workers of(int count) {
            if (count < 1 || count > 256) {
                throw new IllegalArgumentException("workers is 1-256, not " + count);
            }
            return new Workers(count);
        }

        @Override
        public String toString() {
            return Integer.toString(count);
        }
    }

    /** How long the index and the packets are kept: days (0: for ever) and disk quotas (0: none). */
    record Retention(Integer days, @JsonProperty("index_quota") String indexQuota, @JsonProperty("store_quota") String storeQuota) {
        Retention {
            if (days != null && days < 0) {
                throw new IllegalArgumentException("days is 0 (keep for ever) or more");
            }
            size("index_quota", indexQuota);
            size("store_quota", storeQuota);
        }
    }

    /** The packet store. */
    record Packets(Boolean store, @JsonProperty("flow_bytes") String flowBytes, @JsonProperty("file_size") String fileSize,
                   @JsonProperty("file_minutes") Integer fileMinutes, String filter, @JsonProperty("devices_only") Boolean devicesOnly) {
        Packets {
            size("flow_bytes", flowBytes);
            size("file_size", fileSize);
        }
    }

    private static void size(String field, String text) {
        if (text != null) {
            try {
                new DataDirOptions.ByteSize().convert(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage());
            }
        }
    }

    /** A configuration that cannot be used: where and why. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }

    static RunConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        RunConfig config;
        try {
            config = io.telltale.dashboard.sink.YamlDocuments.read(file, text, RunConfig.class);
        } catch (io.telltale.dashboard.sink.YamlDocuments.YamlException e) {
            throw new ConfigException(e.getMessage());
        }
        if (config == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        return config;
    }
}
