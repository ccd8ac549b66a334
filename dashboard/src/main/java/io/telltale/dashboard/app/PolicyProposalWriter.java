package io.telltale.dashboard.app;

import io.telltale.analysis.baseline.PolicyAppender;
import io.telltale.analysis.baseline.Proposal;
import io.telltale.analysis.policy.PolicyDocument;
import io.telltale.analysis.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Shows proposals as a diff of the policy file and, when asked, writes them into it: the new text is
 * loaded as a policy first (a proposal that would break the file is never written), then replaces the
 * file through a temporary file and a rename, so a crash leaves the old policy or the new one.
 */
final class PolicyProposalWriter {

    private PolicyProposalWriter() {
    }

    static int write(Path policyFile, String text, PolicyDocument current, List<Proposal> proposals, String source,
                     boolean apply, PrintWriter out, PrintWriter err) {
        if (proposals.isEmpty()) {
            out.println("nothing to propose: everything seen is declared");
            return ExitCodes.OK;
        }
        String proposed;
        try {
            proposed = PolicyAppender.append(policyFile.toString(), text, current, proposals, source);
            PolicyLoader.parseDocument(policyFile + " (proposed)", proposed);
        } catch (PolicyAppender.AppendException | PolicyLoader.PolicyException e) {
            err.println("telltale baseline: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.print(PolicyAppender.diff(policyFile.toString(), text, proposed));
        if (!apply) {
            out.println("(" + proposals.size() + (proposals.size() == 1 ? " declaration" : " declarations")
                    + " proposed; review them, then run again with --apply to write them)");
            return ExitCodes.OK;
        }
        try {
            Path temporary = policyFile.resolveSibling(policyFile.getFileName() + ".tmp");
            Files.writeString(temporary, proposed);
            Files.move(temporary, policyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            err.println("telltale baseline: cannot write " + policyFile + ": " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        }
        out.println("written to " + policyFile);
        return ExitCodes.OK;
    }

    /** A policy file's text and what it says. */
    record Loaded(String text, io.telltale.analysis.policy.Policy policy) {
    }

    /** Reads and loads the policy to extend; a file that cannot be read or loaded is a usage error naming the place. */
    static Loaded load(Path policyFile, picocli.CommandLine.Model.CommandSpec spec) {
        try {
            String text = Files.readString(policyFile);
            return new Loaded(text, PolicyLoader.parse(policyFile.toString(), text));
        } catch (IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--policy: cannot read " + policyFile + ": " + e.getMessage());
        } catch (PolicyLoader.PolicyException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--policy: " + e.getMessage());
        }
    }
}
