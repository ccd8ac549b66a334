package io.telltale.dashboard.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code telltale rules}: the signature rules, checked before they are deployed. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Suricata-compatible rules: 'check' reads rule files as the monitor would and says what loads, "
                + "what is skipped and why, and every error with its line and column.",
        subcommands = {RulesCheckCommand.class, CommandLine.HelpCommand.class})
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: check");
    }
}
