package io.telltale.dashboard.app;

import io.telltale.dashboard.http.PolicyActions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The dashboard's policy actions done as the command line does them: accepting an alert is
 * {@code telltale baseline accept ID --from LOGS --policy FILE --apply}, one code path for both. The
 * running pipeline's policy watcher then reloads the file.
 */
public final class CliPolicyActions implements PolicyActions {

    private final Path policyFile;
    private final Path logs;

    public CliPolicyActions(Path policyFile, Path logs) {
        this.policyFile = policyFile;
        this.logs = logs;
    }

    @Override
    public Policy policy() throws IOException {
        return new Policy(policyFile.toString(), Files.readString(policyFile));
    }

    @Override
    public io.telltale.analysis.policy.Policy current() {
        try {
            return io.telltale.analysis.policy.PolicyLoader.load(policyFile);
        } catch (io.telltale.analysis.policy.PolicyLoader.PolicyException e) {
            return null;
        }
    }

    @Override
    public synchronized Accepted accept(String alertId) {
        CommandLine cli = TelltaleCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("baseline", "accept", alertId, "--from", logs.toString(), "--policy", policyFile.toString(), "--apply");
        return new Accepted(code == ExitCodes.OK, out.toString(), err.toString().strip());
    }
}
