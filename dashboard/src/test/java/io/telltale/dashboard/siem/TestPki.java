package io.telltale.dashboard.siem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made for one test run by the openssl command (siem.md §4.0's PKI): a
 * server certificate for 127.0.0.1 and localhost, our client certificate
 * ({@code sensor-01.example.test}, the name rsyslog permits) and an intruder's, CA-signed with
 * another name. Keys are PKCS#8 PEM, as Netty reads them.
 */
public final class TestPki {

    public final Path ca;
    final Path serverCert;
    final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;
    final Path intruderCert;
    final Path intruderKey;

    public TestPki(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ca = dir.resolve("ca.pem");
        serverCert = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.pem");
        clientKey = dir.resolve("client.key");
        intruderCert = dir.resolve("intruder.pem");
        intruderKey = dir.resolve("intruder.key");
        Path caKey = dir.resolve("ca.key");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/CN=Telltale test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        leaf(dir, "server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        leaf(dir, "client", "sensor-01.example.test", "subjectAltName=DNS:sensor-01.example.test\nextendedKeyUsage=clientAuth\n");
        leaf(dir, "intruder", "intruder.example.test", "subjectAltName=DNS:intruder.example.test\nextendedKeyUsage=clientAuth\n");
    }

    private void leaf(Path dir, String name, String cn, String extensions) throws IOException, InterruptedException {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extensions);
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + cn);
        run(dir, "openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", dir.resolve("ca.key").toString(),
                "-CAcreateserial", "-out", dir.resolve(name + ".pem").toString(), "-days", "2", "-extfile", ext.toString());
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", new ArrayList<>(List.of(command))) + " failed: " + out);
        }
    }
}
