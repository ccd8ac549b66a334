package io.telltale.testdata.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Truth files: a JSON array of {@link Truth}, times as ISO-8601 UTC, written and read back the same. */
public final class TruthFiles {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private TruthFiles() {
    }

    public static void write(Path file, List<Truth> truths) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(truths) + "\n");
    }

    public static List<Truth> read(Path file) throws IOException {
        return List.of(JSON.readValue(file.toFile(), Truth[].class));
    }
}
