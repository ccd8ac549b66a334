package io.telltale.dashboard.app;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telltale.dashboard.sink.Outputs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the appliance's configuration files: {@code telltale.yaml} and
 * the outputs file. Any text loads, or fails with the loader's own error naming the file (and, for
 * YAML faults, the line and column); any other exception is a finding. Seeds:
 * {@code src/test/resources/.../ConfigFuzzTestInputs}, from the examples.
 */
class ConfigFuzzTest {

    private static final Path DIR = temporary();

    private static Path temporary() {
        try {
            Path dir = Files.createTempDirectory("telltale-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aConfigurationOfAnyTextLoadsOrSaysWhereItIsWrong(byte[] bytes) throws Exception {
        String yaml = new String(bytes, java.nio.charset.StandardCharsets.UTF_8); // seeds are plain text files
        Path file = DIR.resolve("telltale.yaml");
        Files.writeString(file, yaml);
        try {
            RunConfig.load(file);
        } catch (RunConfig.ConfigException e) {
            said(e, file);
        }
        Path outputs = DIR.resolve("outputs.yaml");
        Files.writeString(outputs, yaml);
        try {
            Outputs.load(outputs);
        } catch (Outputs.OutputsException e) {
            said(e, outputs);
        }
    }

    private static void said(Exception e, Path file) {
        if (e.getMessage() == null || !e.getMessage().contains(file.getFileName().toString())) {
            throw new AssertionError("an error that does not name its file: " + e.getMessage(), e);
        }
    }
}
