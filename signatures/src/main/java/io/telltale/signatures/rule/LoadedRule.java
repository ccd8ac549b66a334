package io.telltale.signatures.rule;

/** A rule that loaded, and where it was written. */
public record LoadedRule(Rule rule, String file, int line) {
}
