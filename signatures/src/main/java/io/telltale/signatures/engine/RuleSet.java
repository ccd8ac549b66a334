package io.telltale.signatures.engine;

import io.telltale.signatures.match.PatternSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled rules and their prefilter: one {@link PatternSet} per buffer (and transform chain) over
 * the rules' fast patterns, so a record's buffer is scanned once for all rules and only the rules
 * whose pattern occurs are evaluated in full. Rules without a usable fast pattern are evaluated on
 * every record of their protocol; header-only rules once per flow. Immutable: a reload builds a new
 * one and swaps it in.
 */
public final class RuleSet {

    /** One buffer as transformed by a chain of transforms, with the fast patterns looked for in it. */
    record Lane(String buffer, BufferProgram transformer, PatternSet patterns, int[] ruleOfPattern) {
    }

    final List<CompiledRule> rules;
    final List<Lane> lanes;
    final List<CompiledRule> unprefiltered;
    final List<CompiledRule> headerOnly;
    /** Pass rules (not packet-level): one that matches silences the others for what it matched. */
    final List<CompiledRule> passes;
    /** The packet path: the rules it runs, grouped by header (each worker builds prefilters for the groups its flows fit). */
    final List<CompiledRule> packetRules;
    final HeaderIndex packetHeaders;
    /** The header-only rules (not pass) grouped by header: a flow's candidates are found per group, not per rule. */
    final HeaderIndex flowHeaders;
    private final Map<Long, CompiledRule> bySid = new java.util.HashMap<>();

    RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<int[]>> byLane = new LinkedHashMap<>(); // lane key -> (rule index) per pattern
        Map<String, PatternSet.Builder> builders = new LinkedHashMap<>();
        Map<String, BufferProgram> transformers = new LinkedHashMap<>();
        List<CompiledRule> always = new ArrayList<>();
        List<CompiledRule> header = new ArrayList<>();
        List<CompiledRule> packetRun = new ArrayList<>();
        for (CompiledRule r : rules) {
            bySid.putIfAbsent(key(r.rule().gid(), r.rule().sid()), r);
            if (r.packetLevel()) {
                if (r.packetRunnable()) {
                    packetRun.add(r);
                }
                continue;
            }
            if (r.headerOnly()) {
                header.add(r);
                continue;
            }
            RuleCompiler.Prefilter p = RuleCompiler.prefilter(r);
            BufferProgram program = p == null ? null : r.buffers().stream().filter(b -> b.buffer.equals(p.buffer())).findFirst()
                    .orElse(null);
            if (p == null || program == null) {
                always.add(r);
                continue;
            }
            String key = p.buffer() + "|" + program.transformsKey();
            builders.computeIfAbsent(key, k -> PatternSet.builder()).add(p.pattern(), p.nocase());
            byLane.computeIfAbsent(key, k -> new ArrayList<>()).add(new int[] {r.index()});
            transformers.putIfAbsent(key, program);
        }
        List<Lane> built = new ArrayList<>();
        builders.forEach((key, builder) -> {
            List<int[]> owners = byLane.get(key);
            int[] ruleOf = new int[owners.size()];
            for (int i = 0; i < ruleOf.length; i++) {
                ruleOf[i] = owners.get(i)[0];
            }
            built.add(new Lane(key.substring(0, key.indexOf('|')), transformers.get(key), builder.build(), ruleOf));
        });
        this.lanes = List.copyOf(built);
        this.unprefiltered = List.copyOf(always);
        this.headerOnly = List.copyOf(header);
        this.passes = rules.stream().filter(r -> !r.packetLevel() && r.rule().action() == io.telltale.signatures.rule.Rule.Action.PASS)
                .toList();
        this.packetRules = List.copyOf(packetRun);
        this.packetHeaders = new HeaderIndex(packetRun);
        this.flowHeaders = new HeaderIndex(header.stream().filter(r -> r.rule().action() != io.telltale.signatures.rule.Rule.Action.PASS)
                .toList());
    }

    private static long key(int gid, long sid) {
        return ((long) gid << 40) ^ sid;
    }

    /** The rule of {@code gid:sid}, or null. */
    CompiledRule rule(int gid, long sid) {
        return bySid.get(key(gid, sid));
    }

    /** Rules the packet path runs. */
    public int packetRules() {
        return packetRules.size();
    }


    /** Rules compiled. */
    public int size() {
        return rules.size();
    }

    /** Fast patterns in the prefilter, over all buffers. */
    public int patterns() {
        return lanes.stream().mapToInt(l -> l.patterns().size()).sum();
    }

    public static RuleSet empty() {
        return new RuleSet(List.of());
    }
}
