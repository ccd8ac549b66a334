package io.telltale.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference captures copied from Zeek's, Suricata's, Arkime's and nDPI's test suites, with the
 * ground truth those projects assert ({@code manifest.json}, described in the README beside it).
 * Files are served from the classpath; when that is a jar they are extracted once to a temporary
 * folder, because capture files are memory-mapped.
 */
public final class ReferenceCorpus {

    static final String RESOURCE_DIRECTORY = "/io/telltale/testdata/reference/";
    private static volatile ReferenceCorpus instance;

    private final Path directory;
    private final List<ReferenceCapture> captures;

    private ReferenceCorpus(Path directory, List<ReferenceCapture> captures) {
        this.directory = directory;
        this.captures = captures;
    }

    public static ReferenceCorpus load() {
        ReferenceCorpus corpus = instance;
        if (corpus == null) {
            synchronized (ReferenceCorpus.class) {
                corpus = instance;
                if (corpus == null) {
                    corpus = instance = read();
                }
            }
        }
        return corpus;
    }

    public Path directory() {
        return directory;
    }

    public List<ReferenceCapture> captures() {
        return captures;
    }

    public ReferenceCapture capture(String fileName) {
        return captures.stream().filter(c -> c.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reference capture " + fileName));
    }

    private static ReferenceCorpus read() {
        try {
            Path directory = materialise();
            JsonNode manifest = new ObjectMapper().readTree(directory.resolve("manifest.json").toFile());
            List<ReferenceCapture> captures = new ArrayList<>();
            for (JsonNode entry : manifest) {
                captures.add(new ReferenceCapture(directory.resolve(entry.get("file").asText()), entry));
            }
            return new ReferenceCorpus(directory, List.copyOf(captures));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the reference corpus", e);
        }
    }

    private static Path materialise() throws IOException {
        URL manifest = ReferenceCorpus.class.getResource(RESOURCE_DIRECTORY + "manifest.json");
        if (manifest == null) {
            throw new IOException("manifest.json missing from the classpath at " + RESOURCE_DIRECTORY);
        }
        if ("file".equals(manifest.getProtocol())) {
            try {
                return Path.of(manifest.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path target = Files.createTempDirectory("telltale-reference-");
        target.toFile().deleteOnExit();
        try (InputStream in = ReferenceCorpus.class.getResourceAsStream(RESOURCE_DIRECTORY + "manifest.json")) {
            Files.copy(in, target.resolve("manifest.json"));
        }
        JsonNode entries = new ObjectMapper().readTree(target.resolve("manifest.json").toFile());
        for (JsonNode entry : entries) {
            String name = entry.get("file").asText();
            try (InputStream in = ReferenceCorpus.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
                if (in == null) {
                    throw new IOException("reference capture missing from the classpath: " + name);
                }
                Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            target.resolve(name).toFile().deleteOnExit();
        }
        return target;
    }
}
