package io.telltale.dashboard.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** The --rules, --rule-vars and --indicators options of read and capture, loaded the same way. */
final class SignatureOptions {

    private SignatureOptions() {
    }

    /** What the rules are checked and compiled against: --rule-vars (or suricata.yaml's defaults) and the bundled classtypes. */
    static io.telltale.signatures.rule.RuleParser.Context context(Path ruleVars, CommandLine.Model.CommandSpec spec) {
        try {
            io.telltale.signatures.rule.RuleVariables vars = ruleVars == null ? io.telltale.signatures.rule.RuleVariables.defaults()
                    : io.telltale.signatures.rule.RuleVariables.defaultsWith(Files.readString(ruleVars));
            return new io.telltale.signatures.rule.RuleParser.Context(vars, io.telltale.signatures.rule.Classifications.bundled());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rule-vars: " + e.getMessage());
        }
    }

    /** The rules of --rules, compiled; what did not load is said in one line (the detail is 'rules check''s). */
    static io.telltale.signatures.engine.SignatureDetector rules(List<Path> rules, io.telltale.signatures.rule.RuleParser.Context context,
                                                                 PrintWriter stderr, String who, CommandLine.Model.CommandSpec spec) {
        io.telltale.signatures.engine.RuleLoad load = io.telltale.signatures.engine.RuleLoad.of(rules, context);
        stderr.println(who + ": rules: " + load.counts() + (load.skipped() == 0 && load.errors().isEmpty() ? ""
                : " (telltale rules check says which and why)"));
        if (load.unusable()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rules: no rule could be loaded: " + load.errors().getFirst());
        }
        return new io.telltale.signatures.engine.SignatureDetector(load.rules());
    }

    /** The lists of --indicators; a list's unreadable lines are said, the rest is used. */
    static io.telltale.signatures.ioc.IndicatorDetector indicators(List<Path> indicators, PrintWriter stderr, String who,
                                                                   CommandLine.Model.CommandSpec spec) {
        List<io.telltale.signatures.ioc.IndicatorList> lists = new java.util.ArrayList<>();
        for (Path p : indicators) {
            try {
                lists.addAll(io.telltale.signatures.ioc.IndicatorReader.read(p));
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--indicators " + p + ": " + e.getMessage());
            }
        }
        io.telltale.signatures.ioc.IndicatorSet set = new io.telltale.signatures.ioc.IndicatorSet(lists);
        int problems = 0;
        for (io.telltale.signatures.ioc.IndicatorList l : lists) {
            for (String problem : l.problems()) {
                if (problems++ < 10) {
                    stderr.println(who + ": indicators: " + problem);
                }
            }
        }
        stderr.printf(java.util.Locale.ROOT, who + ": indicators: %d in %d lists%s%n", set.size(), lists.size(),
                problems == 0 ? "" : ", " + problems + " lines not read");
        return new io.telltale.signatures.ioc.IndicatorDetector(set);
    }
}
