package io.telltale.signatures.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What reading rule files gave: the rules that loaded, those skipped and why, and the errors. */
public record RuleFile(List<LoadedRule> loaded, List<SkippedRule> skipped, List<RuleError> errors) {

    public RuleFile {
        loaded = List.copyOf(loaded);
        skipped = List.copyOf(skipped);
        errors = List.copyOf(errors);
    }

    /** Skipped rules counted by reason, the most common first. */
    public Map<String, Integer> skippedByReason() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SkippedRule s : skipped) {
            counts.merge(s.reason(), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Several files' results as one, a sid loaded twice (same gid) being an error the second time. */
    public static RuleFile merge(List<RuleFile> files) {
        List<LoadedRule> loaded = new ArrayList<>();
        List<SkippedRule> skipped = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        Map<Long, LoadedRule> seen = new java.util.HashMap<>();
        for (RuleFile f : files) {
            for (LoadedRule r : f.loaded()) {
                long key = ((long) r.rule().gid() << 40) ^ r.rule().sid();
                LoadedRule first = seen.putIfAbsent(key, r);
                if (first != null) {
                    errors.add(new RuleError(r.file(), r.line(), 1, "sid " + r.rule().sid() + " is already used at "
                            + first.file() + ":" + first.line()));
                } else {
                    loaded.add(r);
                }
            }
            skipped.addAll(f.skipped());
            errors.addAll(f.errors());
        }
        return new RuleFile(loaded, skipped, errors);
    }
}
