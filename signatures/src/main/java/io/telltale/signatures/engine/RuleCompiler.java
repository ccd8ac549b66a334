package io.telltale.signatures.engine;

import io.telltale.analysis.detect.Severity;
import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.Keywords;
import io.telltale.signatures.rule.LoadedRule;
import io.telltale.signatures.rule.PcreTranslation;
import io.telltale.signatures.rule.Rule;
import io.telltale.signatures.rule.RuleOption;
import io.telltale.signatures.rule.RuleVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loaded rules into a {@link RuleSet}. Each rule's options are split by buffer in the order written:
 * a sticky buffer applies to what follows, a legacy modifier or a pcre buffer flag to its own test,
 * {@code urilen} to the URI; packet-level tests (dsize, ttl, itype, icode) and the payload buffer
 * mark the rule as one for the packet path. A rule that cannot be resolved (a variable loop) is
 * reported, not run.
 */
public final class RuleCompiler {

    private RuleCompiler() {
    }

    /**
     * The rules compiled; the reason for each that could not be (a variable loop); and the rules no
     * path can run, as skipped rules with their reason.
     */
    public record Result(RuleSet rules, List<io.telltale.signatures.rule.RuleError> errors,
                         List<io.telltale.signatures.rule.SkippedRule> notRun) {
    }

    public static Result compile(List<LoadedRule> loaded, RuleVariables vars, Classifications classes) {
        List<CompiledRule> compiled = new ArrayList<>();
        List<io.telltale.signatures.rule.RuleError> errors = new ArrayList<>();
        List<io.telltale.signatures.rule.SkippedRule> notRun = new ArrayList<>();
        for (LoadedRule l : loaded) {
            try {
                CompiledRule r = compile(compiled.size(), l.rule(), vars, classes);
                if (r.packetLevel() && !r.packetRunnable()) {
                    notRun.add(new io.telltale.signatures.rule.SkippedRule(l.file(), l.line(), l.rule().sid(),
                            "the payload and an app-layer buffer in one rule are not supported yet"));
                    continue;
                }
                compiled.add(r);
            } catch (IllegalArgumentException e) {
                errors.add(new io.telltale.signatures.rule.RuleError(l.file(), l.line(), 1, "sid " + l.rule().sid() + ": "
                        + e.getMessage()));
            }
        }
        return new Result(new RuleSet(compiled), errors, notRun);
    }

    static CompiledRule compile(int index, Rule r, RuleVariables vars, Classifications classes) {
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        Map<String, List<String>> transforms = new LinkedHashMap<>();
        String current = "pkt_data";
        boolean packetLevel = false;
        List<RuleOption.Compare> packetTests = new ArrayList<>();
        boolean toClient = false;
        boolean established = false;
        List<RuleOption.Flowbits> flowbits = new ArrayList<>();
        boolean noalert = false;
        RuleOption.Threshold threshold = null;
        RuleOption.DetectionFilter filter = null;
        for (RuleOption o : r.options()) {
            switch (o) {
                case RuleOption.Buffer b -> current = b.name();
                case RuleOption.Transform t -> transforms.computeIfAbsent(current, k -> new ArrayList<>()).add(t.name());
                case RuleOption.Content c -> {
                    String buffer = c.buffer() != null ? c.buffer() : current;
                    steps.computeIfAbsent(buffer, k -> new ArrayList<>()).add(new Step.Content(c.pattern(), c.negated(),
                            c.nocase(), c.offset() == null ? 0 : c.offset(), c.depth() == null ? -1 : c.depth(), c.distance(),
                            c.within(), c.startsWith(), c.endsWith()));
                }
                case RuleOption.Pcre p -> {
                    String buffer = current;
                    for (char f : p.flags().toCharArray()) {
                        String named = PcreTranslation.BUFFER_FLAGS.get(f);
                        if (named != null) {
                            buffer = named;
                        }
                    }
                    steps.computeIfAbsent(buffer, k -> new ArrayList<>()).add(new Step.Regex(PcreTranslation.compile(p.regex(),
                            p.flags()), p.negated(), p.flags().indexOf('R') >= 0));
                }
                case RuleOption.Compare c -> {
                    switch (c.keyword()) {
                        case "bsize" -> steps.computeIfAbsent(current, k -> new ArrayList<>()).add(new Step.Length(c.test()));
                        case "urilen" -> steps.computeIfAbsent("http.uri", k -> new ArrayList<>()).add(new Step.Length(c.test()));
                        default -> {
                            packetLevel = true;
                            packetTests.add(c);
                        }
                    }
                }
                case RuleOption.Isdataat d -> steps.computeIfAbsent(current, k -> new ArrayList<>())
                        .add(new Step.DataAt(d.position(), d.negated(), d.relative()));
                case RuleOption.ByteTest t -> steps.computeIfAbsent(current, k -> new ArrayList<>())
                        .add(new Step.ByteTest(t.bytes(), t.operator(), t.value(), t.offset(), t.flags()));
                case RuleOption.ByteJump j -> steps.computeIfAbsent(current, k -> new ArrayList<>())
                        .add(new Step.ByteJump(j.bytes(), j.offset(), j.flags()));
                case RuleOption.Flow f -> {
                    toClient |= f.settings().contains("to_client") || f.settings().contains("from_server");
                    established |= f.settings().contains("established");
                }
                case RuleOption.Flowbits f -> {
                    if (f.command().equals("noalert")) {
                        noalert = true;
                    } else {
                        flowbits.add(f);
                    }
                }
                case RuleOption.Noalert n -> noalert = true;
                case RuleOption.Threshold t -> threshold = t;
                case RuleOption.DetectionFilter d -> filter = d;
                default -> {
                    // msg, sid, rev, gid, classtype, priority, reference, metadata, target: what the alert says
                }
            }
        }
        List<BufferProgram> buffers = new ArrayList<>();
        BufferProgram payload = null;
        for (Map.Entry<String, List<Step>> e : steps.entrySet()) {
            if (e.getKey().equals("pkt_data")) {
                packetLevel = true;
                payload = new BufferProgram("pkt_data", transforms.getOrDefault("pkt_data", List.of()), e.getValue());
                continue;
            }
            if (!Keywords.BUFFERS.containsKey(e.getKey())) {
                throw new IllegalArgumentException("buffer " + e.getKey() + " is not extracted");
            }
            toClient |= Buffers.SERVER_SIDE.contains(e.getKey());
            buffers.add(new BufferProgram(e.getKey(), transforms.getOrDefault(e.getKey(), List.of()), e.getValue()));
        }
        for (String sticky : transforms.keySet()) {
            if (!steps.containsKey(sticky) && !sticky.equals("pkt_data")) {
                buffers.add(new BufferProgram(sticky, transforms.get(sticky), List.of()));
            }
        }
        Classifications.Classtype classtype = r.classtype().flatMap(classes::get).orElse(null);
        int priority = r.first(RuleOption.Priority.class).map(RuleOption.Priority::value)
                .orElse(classtype == null ? 3 : classtype.priority());
        Severity severity = priority <= 1 ? Severity.HIGH : priority == 2 ? Severity.MEDIUM : priority == 3 ? Severity.LOW
                : Severity.INFO;
        List<String> attack = new ArrayList<>();
        for (RuleOption.Metadata m : r.all(RuleOption.Metadata.class)) {
            for (String entry : m.entries()) {
                if (entry.startsWith("mitre_technique_id ")) {
                    attack.add(entry.substring("mitre_technique_id ".length()).strip());
                }
            }
        }
        return new CompiledRule(index, r, r.protocol(), AddressSet.compile(r.source(), vars), PortSet.compile(r.sourcePort(), vars),
                AddressSet.compile(r.destination(), vars), PortSet.compile(r.destinationPort(), vars),
                r.direction() == Rule.Direction.BOTH, toClient, established, buffers, payload, packetTests, packetLevel, flowbits,
                noalert, threshold,
                filter, severity, classtype == null ? r.classtype().orElse(null) : classtype.name(),
                classtype == null ? null : classtype.description(), attack);
    }

    /** The pattern the prefilter looks for: the explicit fast_pattern, else the longest positive content; null if none. */
    static Prefilter prefilter(CompiledRule r) {
        return prefilter(r.rule());
    }

    /** A rule's fast pattern as the prefilter takes it (explicit fast_pattern, else the longest positive content), or null. */
    public static Prefilter prefilter(Rule rule) {
        RuleOption.Content best = null;
        String bestBuffer = null;
        String current = "pkt_data";
        for (RuleOption o : rule.options()) {
            if (o instanceof RuleOption.Buffer b) {
                current = b.name();
            } else if (o instanceof RuleOption.Content c && !c.negated()) {
                String buffer = c.buffer() != null ? c.buffer() : current;
                if (c.fastPattern() != null) {
                    return new Prefilter(buffer, chop(c), c.nocase());
                }
                if (best == null || c.bytes().length() > best.bytes().length()) {
                    best = c;
                    bestBuffer = buffer;
                }
            }
        }
        return best == null ? null : new Prefilter(bestBuffer, best.pattern(), best.nocase());
    }

    private static byte[] chop(RuleOption.Content c) {
        byte[] p = c.pattern();
        RuleOption.FastPattern f = c.fastPattern();
        if (f.chopOffset() == null || f.chopOffset() + f.chopLength() > p.length || f.chopLength() == 0) {
            return p;
        }
        return java.util.Arrays.copyOfRange(p, f.chopOffset(), f.chopOffset() + f.chopLength());
    }

    /** A rule's fast pattern and the buffer it is looked for in. */
    public record Prefilter(String buffer, byte[] pattern, boolean nocase) {
    }
}
