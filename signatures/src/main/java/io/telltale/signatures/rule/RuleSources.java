package io.telltale.signatures.rule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rule files named on a command line read as one set: a folder stands for its *.rules files, in name
 * order, and {@code starter} for the bundled starter rules.
 */
public final class RuleSources {

    private RuleSources() {
    }

    /** Every rule of the files; a file or folder that cannot be read is an error of the result. */
    public static RuleFile read(List<Path> paths, RuleParser.Context context) {
        List<RuleFile> results = new ArrayList<>();
        List<RuleError> unreadable = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (p.toString().equals(StarterRules.NAME) && !Files.exists(p)) {
                results.add(StarterRules.read(context)); // the bundled set
            } else {
                files.add(p);
            }
        }
        for (Path p : expand(files, unreadable)) {
            try {
                results.add(RuleParser.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8), context));
            } catch (IOException | java.io.UncheckedIOException e) {
                unreadable.add(new RuleError(p.toString(), 0, 0, "cannot be read: " + e.getMessage()));
            }
        }
        results.add(new RuleFile(List.of(), List.of(), unreadable));
        return RuleFile.merge(results);
    }

    /** The files the paths stand for now (a folder's *.rules in name order; not the bundled set). */
    public static List<Path> files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!(p.toString().equals(StarterRules.NAME) && !Files.exists(p))) {
                files.add(p);
            }
        }
        return expand(files, new ArrayList<>());
    }

    private static List<Path> expand(List<Path> paths, List<RuleError> errors) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> f.getFileName().toString().endsWith(".rules")).sorted().forEach(out::add);
                } catch (IOException e) {
                    errors.add(new RuleError(p.toString(), 0, 0, "cannot be listed: " + e.getMessage()));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
