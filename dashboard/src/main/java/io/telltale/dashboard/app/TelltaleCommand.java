package io.telltale.dashboard.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code telltale} command: entry point of the appliance's command line. */
@Command(
        name = "telltale",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        versionProvider = TelltaleCommand.Version.class,
        description = {
            "Passive network monitor for security-screening equipment: follows every flow a scanner sends and "
                    + "tells you when it talks to anything it was not declared to talk to.",
            ""
        },
        subcommands = {ReadCommand.class, CaptureCommand.class, SearchCommand.class, ExtractCommand.class, GenerateCommand.class, BaselineCommand.class, RulesCommand.class, UserCommand.class, RunCommand.class,
            InterfacesCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything was read and written",
            "1:some input was damaged or unreadable; what came before the damage was processed",
            "2:the command line was wrong",
            "3:the output could not be written"
        })
public final class TelltaleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** pcap4j says at INFO that it found libpcap, on every start: only its warnings are worth a line. Held so it stays set. */
    private static final java.util.logging.Logger PCAP4J = java.util.logging.Logger.getLogger("org.pcap4j");

    /** Lucene says at WARNING that the incubating vector API is not enabled: a fact of the JVM, not a fault. */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    /** Kafka's producer prints its whole configuration at INFO on every start; its warnings are what an operator needs. */
    private static final java.util.logging.Logger KAFKA = java.util.logging.Logger.getLogger("org.apache.kafka");

    static {
        PCAP4J.setLevel(java.util.logging.Level.WARNING);
        KAFKA.setLevel(java.util.logging.Level.WARNING);
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TelltaleCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'telltale read --help'");
    }

    /** Prints the version from the jar manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TelltaleCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "telltale " + (version == null ? "development build" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                io.telltale.capture.source.live.Interfaces.libpcapVersion()
            };
        }
    }
}
