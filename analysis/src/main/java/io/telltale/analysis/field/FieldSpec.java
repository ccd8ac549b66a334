package io.telltale.analysis.field;

import java.util.regex.Pattern;

/**
 * One field of the catalog.
 *
 * @param name dotted {@code <protocol>.<field>}, lower case ({@code dns.query})
 * @param description one sentence for the REST docs and the UI
 */
public record FieldSpec(String name, FieldType type, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(\\.[a-z0-9_]+)+");

    public FieldSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field name must be <protocol>.<field> in lower case: " + name);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("field " + name + " needs a description");
        }
    }

    /** The protocol part of the name. */
    public String protocol() {
        return name.substring(0, name.indexOf('.'));
    }
}
