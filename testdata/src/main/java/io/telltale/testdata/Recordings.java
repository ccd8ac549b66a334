package io.telltale.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Captures we recorded ourselves where no peer capture exists (DICOM between DCMTK tools in two
 * network namespaces); each has a README beside it saying how it was made and what it holds.
 */
public final class Recordings {

    private static final String RESOURCE_DIRECTORY = "/io/telltale/testdata/recordings/";

    private Recordings() {
    }

    /** The capture as a file: in place when the classpath is a directory, else copied out of the jar. */
    public static Path path(String name) {
        URL url = Recordings.class.getResource(RESOURCE_DIRECTORY + name);
        if (url == null) {
            throw new IllegalArgumentException("no recording named " + name + " at " + RESOURCE_DIRECTORY);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("telltale-recording-", "-" + name);
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + name, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
