package io.telltale.signatures.engine;

import io.telltale.signatures.rule.RuleOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flowbits of the flows one thread sees: per flow id, the names set. {@code isset a|b} holds when
 * either is set, {@code isset a&b} when both are; {@code isnotset} is its negation. Dropped when the
 * flow ends.
 */
final class FlowbitTable {

    private final Map<Long, Set<String>> bits = new HashMap<>();

    /** Whether the rule's isset/isnotset conditions hold for the flow. */
    boolean allow(List<RuleOption.Flowbits> conditions, long flowId) {
        Set<String> set = bits.get(flowId);
        for (RuleOption.Flowbits f : conditions) {
            boolean isset = f.command().equals("isset");
            if (!isset && !f.command().equals("isnotset")) {
                continue;
            }
            if (holds(set, f.names()) != isset) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Set<String> set, String names) {
        if (set == null) {
            return false;
        }
        if (names.contains("|")) {
            for (String n : names.split("\\|")) {
                if (set.contains(n)) {
                    return true;
                }
            }
            return false;
        }
        for (String n : names.split("&")) {
            if (!set.contains(n)) {
                return false;
            }
        }
        return true;
    }

    /** The rule matched: its set, unset and toggle take effect. */
    void apply(List<RuleOption.Flowbits> actions, long flowId) {
        for (RuleOption.Flowbits f : actions) {
            switch (f.command()) {
                case "set" -> bits.computeIfAbsent(flowId, k -> new HashSet<>()).add(f.names());
                case "unset" -> {
                    Set<String> s = bits.get(flowId);
                    if (s != null) {
                        s.remove(f.names());
                    }
                }
                case "toggle" -> {
                    Set<String> s = bits.computeIfAbsent(flowId, k -> new HashSet<>());
                    if (!s.remove(f.names())) {
                        s.add(f.names());
                    }
                }
                default -> {
                    // isset and isnotset are conditions
                }
            }
        }
    }

    void forget(long flowId) {
        bits.remove(flowId);
    }
}
