package io.telltale.dashboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.baseline.Proposal;
import io.telltale.analysis.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code telltale baseline accept}: one alert becomes a declaration. The alert (from alerts.jsonl)
 * names the device and the remote end; its first flow (from conn.log or conn.jsonl beside it) gives
 * the transport, port and protocol.
 */
@Command(
        name = "accept",
        mixinStandardHelpOptions = true,
        description = "Propose the declaration that would have allowed one alert's conversation: from the device's most "
                + "specific group to the remote address, on the alert's transport, port and protocol.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:proposed (or written with --apply)", "2:the alert, its flow or the policy was not found",
            "3:the policy could not be written"})
final class BaselineAcceptCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "ALERT_ID", description = "the alert's id (TT-...)")
    String alertId;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the output directory of telltale read "
            + "holding alerts.jsonl and conn.log (or conn.jsonl)")
    Path directory;

    @Option(names = "--policy", required = true, paramLabel = "POLICY.yaml", description = "the policy to extend")
    Path policyFile;

    @Option(names = "--apply", description = "write the declaration into the policy file (default: only show the diff)")
    boolean apply;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The parts of the alert's first flow a declaration needs. */
    record Conversation(String transport, int port, String service, long startNanos, long bytesOut, long bytesIn) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyProposalWriter.Loaded loaded = PolicyProposalWriter.load(policyFile, spec);
        String text = loaded.text();
        Policy policy = loaded.policy();
        JsonNode alert = findAlert();
        if (alert == null) {
            err.println("telltale baseline: no alert " + alertId + " in " + directory.resolve("alerts.jsonl"));
            return ExitCodes.USAGE;
        }
        if (alert.path("remote").isNull() || alert.path("flow_uids").isEmpty()) {
            err.println("telltale baseline: alert " + alertId + " (" + alert.path("category").asText()
                    + ") is about the device alone; there is no conversation to declare");
            return ExitCodes.USAGE;
        }
        String uid = alert.path("flow_uids").get(0).asText();
        Conversation c = findFlow(uid);
        if (c == null) {
            err.println("telltale baseline: flow " + uid + " of alert " + alertId + " is not in " + directory
                    + "/conn.log or conn.jsonl");
            return ExitCodes.USAGE;
        }
        String device = alert.path("device").path("address").asText();
        String remote = alert.path("remote").path("address").asText();
        io.telltale.analysis.baseline.PolicyLearner groups = new io.telltale.analysis.baseline.PolicyLearner(policy);
        Proposal p = new Proposal(groups.mostSpecificGroup(device), remote + (remote.contains(":") ? "/128" : "/32"),
                c.service() == null ? c.transport() : c.service().split(",")[0], c.transport(), c.port(), null, List.of(), 1,
                c.startNanos(), c.startNanos(), c.bytesOut(), c.bytesIn(),
                List.of(alert.path("category").asText() + ":" + alert.path("severity").asText()));
        int code = PolicyProposalWriter.write(policyFile, text, policy.document(), List.of(p), "accepted from alert " + alertId,
                apply, out, err);
        out.flush();
        return code;
    }

    private JsonNode findAlert() throws IOException {
        Path alerts = directory.resolve("alerts.jsonl");
        if (!Files.isReadable(alerts)) {
            return null;
        }
        for (String line : Files.readAllLines(alerts)) {
            JsonNode a = JSON.readTree(line);
            if (alertId.equals(a.path("id").asText())) {
                return a;
            }
        }
        return null;
    }

    private Conversation findFlow(String uid) throws IOException {
        Path jsonl = directory.resolve("conn.jsonl");
        if (Files.isReadable(jsonl)) {
            for (String line : Files.readAllLines(jsonl)) {
                JsonNode f = JSON.readTree(line);
                if (uid.equals(f.path("uid").asText())) {
                    return new Conversation(f.path("proto").asText(), f.path("id.resp_p").asInt(),
                            f.hasNonNull("service") ? f.get("service").asText() : null, nanos(f.path("ts").asText()),
                            f.path("orig_bytes").asLong(0), f.path("resp_bytes").asLong(0));
                }
            }
        }
        Path log = directory.resolve("conn.log");
        if (!Files.isReadable(log)) {
            return null;
        }
        List<String> fields = null;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("#fields\t")) {
                fields = List.of(line.substring(8).split("\t"));
            } else if (fields != null && !line.startsWith("#")) {
                String[] v = line.split("\t", -1);
                if (v.length == fields.size() && uid.equals(v[fields.indexOf("uid")])) {
                    String service = v[fields.indexOf("service")];
                    return new Conversation(v[fields.indexOf("proto")], Integer.parseInt(v[fields.indexOf("id.resp_p")]),
                            service.equals("-") ? null : service, nanos(v[fields.indexOf("ts")]),
                            number(v[fields.indexOf("orig_bytes")]), number(v[fields.indexOf("resp_bytes")]));
                }
            }
        }
        return null;
    }

    private static long number(String s) {
        return s.equals("-") ? 0 : Long.parseLong(s);
    }

    private static long nanos(String seconds) {
        return new BigDecimal(seconds).movePointRight(9).longValue();
    }
}
