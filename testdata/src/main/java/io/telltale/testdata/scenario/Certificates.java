package io.telltale.testdata.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The DER certificates servers present in generated handshakes (resources, see their README). */
public final class Certificates {

    private static final String DIRECTORY = "/io/telltale/testdata/certificates/";

    private Certificates() {
    }

    public static byte[] der(String name) {
        try (InputStream in = Certificates.class.getResourceAsStream(DIRECTORY + name + ".der")) {
            if (in == null) {
                throw new IllegalArgumentException("no certificate " + name + " in " + DIRECTORY);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vendor's telemetry or update server: its certificate, then the vendor's CA. */
    public static List<byte[]> vendorChain(String serverName) {
        return List.of(der(serverName), der("vendor-telemetry-ca"));
    }

    /** A public site's certificate, then the stand-in public CA. */
    public static List<byte[]> publicChain(String serverName) {
        return List.of(der(serverName), der("example-public-ca"));
    }

    public static List<byte[]> selfSignedLocalhost() {
        return List.of(der("localhost-self-signed"));
    }
}
