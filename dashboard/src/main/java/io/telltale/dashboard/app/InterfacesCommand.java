package io.telltale.dashboard.app;

import io.telltale.capture.source.live.Interfaces;
import io.telltale.capture.source.live.LiveCaptureException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code telltale interfaces}: what can be captured on this machine, with addresses and state. */
@Command(name = "interfaces", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"List the network interfaces Telltale can capture on, with their addresses and flags.", ""})
public final class InterfacesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            for (Interfaces.Interface i : Interfaces.list()) {
                String flags = (i.up() ? "UP" : "DOWN") + (i.running() ? ",RUNNING" : "") + (i.loopback() ? ",LOOPBACK" : "");
                out.printf(Locale.ROOT, "%-16s %-22s %s%n", i.name(), flags, String.join(" ", i.addresses()));
            }
            return ExitCodes.OK;
        } catch (LiveCaptureException e) {
            spec.commandLine().getErr().println("telltale interfaces: " + e.getMessage());
            return ExitCodes.INPUT_DAMAGED;
        }
    }
}
