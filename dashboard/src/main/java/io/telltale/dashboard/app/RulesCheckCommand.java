package io.telltale.dashboard.app;

import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.LoadedRule;
import io.telltale.signatures.rule.RuleError;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RulePrinter;
import io.telltale.signatures.rule.RuleVariables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code telltale rules check FILE...}: every error with its place, the skipped rules counted by
 * reason, and the line {@code rules: N loaded, M skipped, E errors} last. Exit 1 when there is an error.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Reads rule files (or every *.rules file of a folder) and reports errors (file:line:column), the "
                + "rules skipped by reason, and 'rules: N loaded, M skipped, E errors'. Exit code 1 if any rule is in error.")
final class RulesCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "rule files or folders of *.rules files")
    List<Path> files;

    @CommandLine.Option(names = "--print", description = "print the loaded rules back, one per line, before the report")
    boolean print;

    @CommandLine.Option(names = "--vars", paramLabel = "YAML", description = "address and port variables, as suricata.yaml's "
            + "'vars:' section (default: suricata.yaml's defaults)")
    Path vars;

    @CommandLine.Option(names = "--classification", paramLabel = "FILE", description = "a classification.config (default: "
            + "the bundled one)")
    Path classification;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RuleError> setup = new ArrayList<>();
        RuleVariables variables = RuleVariables.defaults();
        Classifications classes = Classifications.bundled();
        try {
            if (vars != null) {
                variables = RuleVariables.defaultsWith(Files.readString(vars, StandardCharsets.UTF_8));
            }
            if (classification != null) {
                Classifications.ParseResult parsed = Classifications.parse(classification.toString(),
                        Files.readString(classification, StandardCharsets.UTF_8));
                classes = parsed.classifications();
                setup.addAll(parsed.errors());
            }
        } catch (IOException e) {
            err.println("telltale rules check: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        RuleParser.Context context = new RuleParser.Context(variables, classes);
        RuleFile read = io.telltale.signatures.rule.RuleSources.read(files, context);
        io.telltale.signatures.engine.RuleCompiler.Result compiled = io.telltale.signatures.engine.RuleCompiler.compile(read.loaded(),
                variables, classes);
        java.util.Set<String> notRunKeys = new java.util.HashSet<>();
        compiled.notRun().forEach(s -> notRunKeys.add(s.file() + ":" + s.line()));
        List<LoadedRule> runnable = read.loaded().stream().filter(r -> !notRunKeys.contains(r.file() + ":" + r.line())).toList();
        List<io.telltale.signatures.rule.SkippedRule> skipped = new ArrayList<>(read.skipped());
        skipped.addAll(compiled.notRun());
        RuleFile all = new RuleFile(runnable, skipped, java.util.stream.Stream.concat(read.errors().stream(),
                compiled.errors().stream()).toList());
        if (print) {
            for (LoadedRule r : all.loaded()) {
                out.println(RulePrinter.print(r.rule()));
            }
        }
        List<RuleError> errors = new ArrayList<>(setup);
        errors.addAll(all.errors());
        for (RuleError e : errors) {
            out.println("error: " + e);
        }
        if (!all.skipped().isEmpty()) {
            out.println("skipped, by reason:");
            all.skippedByReason().forEach((reason, n) -> out.printf(Locale.ROOT, "  %,7d  %s%n", n, reason));
        }
        out.printf(Locale.ROOT, "rules: %d loaded, %d skipped, %d errors%n", all.loaded().size(), all.skipped().size(),
                errors.size());
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_DAMAGED;
    }
}
