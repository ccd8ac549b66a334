package io.telltale.capture.source.live;

import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * The machine's capture interfaces and the libpcap version, through pcap4j: what it does well (its
 * per-packet path allocates and drops under load, capture.md §2, so live packets go through
 * {@link AfPacketSource} or {@link LibpcapSource} instead).
 */
public final class Interfaces {

    /** An interface as {@code telltale interfaces} shows it. */
    public record Interface(String name, String description, List<String> addresses, boolean up, boolean running,
                            boolean loopback) {
    }

    private Interfaces() {
    }

    public static List<Interface> list() {
        try {
            List<Interface> all = new ArrayList<>();
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                List<String> addresses = new ArrayList<>();
                for (PcapAddress a : nif.getAddresses()) {
                    if (a.getAddress() != null) {
                        addresses.add(a.getAddress().getHostAddress()
                                + (a.getNetmask() != null ? "/" + prefix(a.getNetmask().getAddress()) : ""));
                    }
                }
                all.add(new Interface(nif.getName(), nif.getDescription(), addresses, nif.isUp(), nif.isRunning(),
                        nif.isLoopBack()));
            }
            return all;
        } catch (PcapNativeException e) {
            throw new LiveCaptureException("cannot list interfaces: " + e.getMessage());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new LiveCaptureException("libpcap is not installed (Debian: apt-get install libpcap0.8)");
        }
    }

    /** libpcap's version line, or why there is none. */
    public static String libpcapVersion() {
        try {
            return Pcaps.libVersion();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "libpcap not found";
        }
    }

    static int prefix(byte[] mask) {
        int bits = 0;
        for (byte b : mask) {
            bits += Integer.bitCount(b & 0xff);
        }
        return bits;
    }
}
