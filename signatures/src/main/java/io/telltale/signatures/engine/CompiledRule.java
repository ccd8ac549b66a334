package io.telltale.signatures.engine;

import io.telltale.analysis.detect.Severity;
import io.telltale.signatures.rule.Rule;
import io.telltale.signatures.rule.RuleOption;
import java.util.List;

/**
 * A rule ready to run: its header resolved, its tests grouped by buffer, the side of the
 * conversation it reads, its flowbits and rate limits, and what its alert says.
 */
record CompiledRule(
        int index,
        Rule rule,
        String protocol,
        AddressSet source,
        PortSet sourcePort,
        AddressSet destination,
        PortSet destinationPort,
        boolean bothWays,
        boolean toClient,
        boolean established,
        List<BufferProgram> buffers,
        BufferProgram payload,
        List<RuleOption.Compare> packetTests,
        boolean packetLevel,
        List<RuleOption.Flowbits> flowbits,
        boolean noalert,
        RuleOption.Threshold threshold,
        RuleOption.DetectionFilter detectionFilter,
        Severity severity,
        String classtype,
        String classDescription,
        List<String> attack) {

    /** {@link #direction()}: either way, from the client only (to_server), from the server only (to_client). */
    static final int EITHER = 0;
    static final int FROM_CLIENT = 1;
    static final int FROM_SERVER = 2;

    /** Which side's packets the rule reads, as its flow keyword and its buffers say. */
    int direction() {
        if (toClient) {
            return FROM_SERVER;
        }
        boolean toServer = rule.all(RuleOption.Flow.class).stream().anyMatch(f -> f.settings().contains("to_server")
                || f.settings().contains("from_client"));
        return toServer ? FROM_CLIENT : EITHER;
    }

    /** Whether the rule only sets flowbits it later reads (evaluated before the rules that read them). */
    boolean setsBits() {
        return flowbits.stream().anyMatch(f -> f.command().equals("set") || f.command().equals("unset")
                || f.command().equals("toggle"));
    }

    /** Whether the packet path can run it: it reads the payload and packet fields only, no app-layer buffer. */
    boolean packetRunnable() {
        return packetLevel && buffers.isEmpty();
    }

    /** Whether the rule reads nothing but the header: it is judged once per flow. */
    boolean headerOnly() {
        return buffers.isEmpty() && !packetLevel;
    }
}
