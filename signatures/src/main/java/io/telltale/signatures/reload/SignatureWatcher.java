package io.telltale.signatures.reload;

import io.telltale.signatures.engine.RuleLoad;
import io.telltale.signatures.engine.SignatureDetector;
import io.telltale.signatures.ioc.IndicatorDetector;
import io.telltale.signatures.ioc.IndicatorList;
import io.telltale.signatures.ioc.IndicatorReader;
import io.telltale.signatures.ioc.IndicatorSet;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the rule paths and the indicator lists by content (file names and bytes hashed, so an
 * editor that rewrites the same bytes reloads nothing). A change is read and compiled on the
 * watcher's thread; the result replaces the set in force in one assignment, which the detectors
 * and the packet path read at their next event or payload. Rules that fail to load entirely, or a
 * list that cannot be read, leave the set in force and are said, once per content.
 */
public final class SignatureWatcher implements AutoCloseable {

    private final List<Path> rulePaths;
    private final RuleParser.Context context;
    private final SignatureDetector rules;
    private final List<Path> indicatorPaths;
    private final IndicatorDetector indicators;
    private final Consumer<String> say;
    private byte[] rulesDigest;
    private byte[] indicatorsDigest;
    private ScheduledExecutorService timer;

    /**
     * @param rules null when no rules are watched; {@code indicators} likewise
     * @param say where a reload or a refusal is told, one line each
     */
    public SignatureWatcher(List<Path> rulePaths, RuleParser.Context context, SignatureDetector rules, List<Path> indicatorPaths,
                            IndicatorDetector indicators, Consumer<String> say) {
        this.rulePaths = rulePaths == null ? List.of() : List.copyOf(rulePaths);
        this.context = context;
        this.rules = rules;
        this.indicatorPaths = indicatorPaths == null ? List.of() : List.copyOf(indicatorPaths);
        this.indicators = indicators;
        this.say = say;
        this.rulesDigest = digest(RuleSources.files(this.rulePaths));
        this.indicatorsDigest = digest(this.indicatorPaths);
    }

    /** Checks every {@code seconds} on a daemon thread. */
    public SignatureWatcher every(long seconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("telltale-rules-watch").unstarted(r));
        timer.scheduleWithFixedDelay(this::check, seconds, seconds, TimeUnit.SECONDS);
        return this;
    }

    /** Looks once: what changed is reloaded. */
    public synchronized void check() {
        if (rules != null) {
            byte[] d = digest(RuleSources.files(rulePaths));
            if (d != null && !Arrays.equals(d, rulesDigest)) {
                rulesDigest = d;
                reloadRules();
            }
        }
        if (indicators != null) {
            byte[] d = digest(indicatorPaths);
            if (d != null && !Arrays.equals(d, indicatorsDigest)) {
                indicatorsDigest = d;
                reloadIndicators();
            }
        }
    }

    private void reloadRules() {
        RuleLoad load = RuleLoad.of(rulePaths, context);
        if (load.unusable()) {
            say.accept("rules: not reloaded, the rules in force stay (" + load.counts() + "; first: " + load.errors().getFirst() + ")");
            return;
        }
        rules.replace(load.rules());
        say.accept("rules: reloaded, " + load.counts() + (load.errors().isEmpty() ? "" : " (telltale rules check says which and why)"));
    }

    private void reloadIndicators() {
        List<IndicatorList> lists = new ArrayList<>();
        for (Path p : indicatorPaths) {
            try {
                lists.addAll(IndicatorReader.read(p));
            } catch (IOException | RuntimeException e) {
                say.accept("indicators: not reloaded, the lists in force stay (" + p + ": " + e.getMessage() + ")");
                return;
            }
        }
        IndicatorSet set = new IndicatorSet(lists);
        indicators.replace(set);
        long problems = lists.stream().mapToLong(l -> l.problems().size()).sum();
        say.accept(String.format(Locale.ROOT, "indicators: reloaded, %d in %d lists%s", set.size(), lists.size(),
                problems == 0 ? "" : ", " + problems + " lines not read"));
    }

    /** A hash of the files' names and contents; null when one cannot be read now (being replaced: look again later). */
    private static byte[] digest(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                if (Files.isRegularFile(f)) {
                    sha.update(Files.readAllBytes(f));
                }
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
