package io.telltale.dashboard.siem;

import java.util.Arrays;
import java.util.Locale;

/** A configuration word read as one of an enum's constants, written in lower case with hyphens; a wrong one lists the right ones. */
public final class Choices {

    private Choices() {
    }

    public static <E extends Enum<E>> E of(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is one of " + Arrays.stream(type.getEnumConstants()).map(Choices::word).toList()
                    + ", not \"" + text + "\"");
        }
    }

    /** How the configuration writes a constant: {@code OCTET_COUNTING} as {@code octet-counting}. */
    public static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
