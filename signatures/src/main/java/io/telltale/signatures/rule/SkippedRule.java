package io.telltale.signatures.rule;

/** A well-formed rule Telltale does not load, with the reason (the same text for every rule skipped alike). */
public record SkippedRule(String file, int line, long sid, String reason) {
}
