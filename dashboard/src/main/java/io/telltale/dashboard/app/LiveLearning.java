package io.telltale.dashboard.app;

import io.telltale.analysis.baseline.PolicyAppender;
import io.telltale.analysis.baseline.Proposal;
import io.telltale.analysis.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a live capture learned, as the diff of its policy that {@code baseline learn} would show. */
final class LiveLearning {

    private LiveLearning() {
    }

    /** The diff, or a line saying why there is none; never throws (the capture's other results must still be written). */
    /** @param textAtStart the policy file as read at start, used when the file cannot be read now (privileges dropped) */
    static String proposal(Path policyFile, String textAtStart, Policy policy, List<Proposal> proposals) {
        if (proposals.isEmpty()) {
            return "learned: nothing to propose, everything seen is declared\n";
        }
        try {
            String text;
            try {
                text = Files.readString(policyFile);
            } catch (IOException unreadable) {
                text = textAtStart;
            }
            String proposed = PolicyAppender.append(policyFile.toString(), text, policy.document(), proposals,
                    "learned live");
            return PolicyAppender.diff(policyFile.toString(), text, proposed) + "(" + proposals.size()
                    + (proposals.size() == 1 ? " declaration" : " declarations")
                    + " proposed from this capture; review them, then add them with baseline learn --apply or by hand)\n";
        } catch (PolicyAppender.AppendException e) {
            return "learned: " + proposals.size() + " declarations, not shown: " + e.getMessage() + "\n";
        }
    }
}
