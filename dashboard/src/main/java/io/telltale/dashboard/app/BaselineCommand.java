package io.telltale.dashboard.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code telltale baseline}: learning mode — propose a policy from what was seen, accept an alert into it. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = {
            "Learning mode. 'learn' reads captures and proposes, as a diff of the policy file, a declaration for each "
                    + "kind of conversation the devices had that the policy does not declare; 'accept' turns one alert "
                    + "into a declaration. Nothing is changed without --apply, and proposals go under 'learned:' at the end "
                    + "of the file, each with its evidence, for a person to review. A group with 'mode: learning' raises no "
                    + "policy alerts (undeclared peers) while its baseline is gathered."
        },
        subcommands = {BaselineLearnCommand.class, BaselineAcceptCommand.class, CommandLine.HelpCommand.class})
public final class BaselineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: learn or accept");
    }
}
