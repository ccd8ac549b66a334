/** The undeclared and malicious traffic A1–A17 of domain.md §5, with their evasion variants. */
package io.telltale.testdata.scenario.attack;
