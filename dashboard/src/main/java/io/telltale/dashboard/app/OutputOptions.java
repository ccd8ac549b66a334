package io.telltale.dashboard.app;

import io.telltale.dashboard.sink.Outputs;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --outputs}, shared by read and capture: the file is read (and refused with its line and column) before any work starts. */
final class OutputOptions {

    @Option(names = "--outputs", paramLabel = "OUTPUTS.yaml",
            description = "where else everything goes: SIEM destinations (syslog over TLS, TCP or UDP in RFC 5424 or 3164 with "
                    + "CEF, LEEF, JSON or our structured data), rotated JSON-lines files, Kafka clusters; see examples/outputs.yaml. "
                    + "Alerts for a SIEM wait in a spool on disk until delivered (DATA/spool, or DIR/spool without --data-dir)")
    Path file;

    /** The outputs the file names, or null without {@code --outputs}. */
    Outputs load(CommandLine commandLine) {
        if (file == null) {
            return null;
        }
        try {
            return Outputs.load(file);
        } catch (Outputs.OutputsException e) {
            throw new CommandLine.ParameterException(commandLine, "--outputs: " + e.getMessage());
        }
    }

    /** Where the SIEM spools go unless the file says: DATA/spool, or OUT/spool without a data directory. */
    static Path spoolDirectory(DataDirOptions data, Path out) {
        return (data.dataDir != null ? data.dataDir : out).resolve("spool");
    }
}
