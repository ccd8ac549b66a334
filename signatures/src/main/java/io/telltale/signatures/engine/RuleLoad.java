package io.telltale.signatures.engine;

import io.telltale.signatures.rule.RuleError;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rule paths read and compiled in one go, as a command starts or a watcher reloads: the set to put in
 * force, how many were skipped (unsupported, or not runnable), and the errors (reading and compiling).
 */
public record RuleLoad(RuleSet rules, int skipped, List<RuleError> errors) {

    public RuleLoad {
        errors = List.copyOf(errors);
    }

    public static RuleLoad of(List<Path> paths, RuleParser.Context context) {
        RuleFile read = RuleSources.read(paths, context);
        RuleCompiler.Result compiled = RuleCompiler.compile(read.loaded(), context.variables(), context.classifications());
        List<RuleError> errors = new ArrayList<>(read.errors());
        errors.addAll(compiled.errors());
        return new RuleLoad(compiled.rules(), read.skipped().size() + compiled.notRun().size(), errors);
    }

    /** {@code N loaded, M skipped, E errors}. */
    public String counts() {
        return String.format(Locale.ROOT, "%d loaded, %d skipped, %d errors", rules.size(), skipped, errors.size());
    }

    /** Errors and not one rule: nothing to put in force. */
    public boolean unusable() {
        return rules.size() == 0 && !errors.isEmpty();
    }
}
