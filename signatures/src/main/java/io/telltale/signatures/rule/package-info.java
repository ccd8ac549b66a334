/**
 * The rule language: a Suricata-compatible subset parsed into a typed syntax tree ({@link
 * io.telltale.signatures.rule.Rule}), printed back by {@link io.telltale.signatures.rule.RulePrinter}
 * so that parsing the print gives the same tree. {@link io.telltale.signatures.rule.RuleParser} gives
 * every error a line and a column, and skips a rule whose keywords Telltale cannot honour with the
 * reason, so one odd rule never costs the rest of a file. Nothing here matches traffic.
 */
package io.telltale.signatures.rule;
