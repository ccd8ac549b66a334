package io.telltale.testdata.scenario;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A host of the site: its name, device group, MAC (a real OUI of the maker), IPv4 address and, where
 * it speaks IPv6, a link-local or global IPv6 address; its DICOM AE title if it has one; the TTL its
 * operating system starts packets with (128 Windows, 64 Linux and embedded); and which TLS client it
 * resembles.
 */
public record Device(String name, String group, byte[] mac, InetAddress address, Inet6Address address6, String aeTitle,
                     int ttl, TlsClient tlsClient) {

    public Device {
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    public String ip() {
        return address.getHostAddress();
    }

    /** The TLS stack a device's software uses, which decides its ClientHello (and so its JA3/JA4). */
    public enum TlsClient {
        WINDOWS_SCHANNEL, EMBEDDED_OPENSSL
    }
}
