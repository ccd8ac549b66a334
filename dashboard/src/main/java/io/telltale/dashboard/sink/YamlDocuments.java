package io.telltale.dashboard.sink;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;

/**
 * Configuration files read the one way: YAML bound to records, unknown keys refused, a single value
 * taken where a list is expected, and every mistake said as {@code FILE:LINE:COLUMN: why} — the why
 * being the record's own message when its constructor refused a value.
 */
public final class YamlDocuments {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // "syslog: [~]": an empty entry is an error at its line, not a null inside a list
            .setDefaultSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                    com.fasterxml.jackson.annotation.Nulls.FAIL));

    /** A file that does not read as its type, with where and why. */
    public static final class YamlException extends Exception {
        public YamlException(String message) {
            super(message);
        }
    }

    private YamlDocuments() {
    }

    /** The document, or null when the text is empty. */
    public static <T> T read(Path file, String text, Class<T> type) throws YamlException {
        try {
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new YamlException(where + ": " + (cause == e ? e.getOriginalMessage() : cause.getMessage()));
        }
    }
}
