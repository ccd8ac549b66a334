package io.telltale.signatures.rule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bundled starter rules: remote-access tools, tunnels and cleartext protocols a screening
 * device must not use, each with its reason in {@code msg} and its source in {@code reference}.
 * {@code --rules starter} names them on the command line.
 */
public final class StarterRules {

    /** The name that stands for the bundled set where a rule path is expected. */
    public static final String NAME = "starter";
    static final String RESOURCE = "/io/telltale/signatures/rules/telltale-starter.rules";

    private StarterRules() {
    }

    public static String text() {
        try (InputStream in = StarterRules.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The starter set read with {@code context}. */
    public static RuleFile read(RuleParser.Context context) {
        return RuleParser.parse("telltale-starter.rules", text(), context);
    }
}
