package io.telltale.capture.source.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a capture interface mute, as a passive monitor's must be: a SPAN port that answers ARP, or
 * sends IPv6 router solicitations, duplicate-address probes and MLD reports, tells every device on the
 * mirrored network that a sensor is there, and is a way in. Sets IFF_NOARP on the interface and turns
 * IPv6 off on it ({@code net.ipv6.conf.IF.disable_ipv6}), which also drops its link-local address.
 * Needs CAP_NET_ADMIN (the systemd unit grants it; root has it): without it, each step that failed is
 * said, and capture goes on. An interface with an IPv4 address is one the machine talks through, not
 * a dedicated SPAN port: it is left as it is, and said.
 */
public final class SilentInterface {

    private SilentInterface() {
    }

    /** What was done (or could not be), a line each. */
    public static List<String> silence(String interfaceName) {
        List<String> said = new ArrayList<>();
        if (interfaceName.length() > 15 || !interfaceName.matches("[A-Za-z0-9_.:@-]+")) {
            said.add(interfaceName + ": not an interface name; left as it is");
            return said;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = Libc.socket(state, Libc.AF_INET, Libc.SOCK_DGRAM, 0);
            if (fd < 0) {
                said.add(interfaceName + ": cannot set it silent: socket: " + Libc.strerror(Libc.errno(state)));
            } else {
                try {
                    if (hasIpv4Address(arena, state, fd, interfaceName)) {
                        // muting an interface the machine talks through would cut it off: leave it, loudly
                        said.add(interfaceName + ": has an IPv4 address, so it is not a dedicated SPAN port; left as it is, "
                                + "it may transmit (remove the address: ip addr flush dev " + interfaceName + ")");
                        return said;
                    }
                    said.add(noArp(arena, state, fd, interfaceName));
                } finally {
                    Libc.close(state, fd);
                }
            }
        }
        said.add(noIpv6(interfaceName));
        return said;
    }

    private static String noArp(Arena arena, MemorySegment state, int fd, String name) {
        MemorySegment ifreq = arena.allocate(40, 8);
        MemorySegment.copy(arena.allocateFrom(name), 0, ifreq, 0, name.length());
        if (Libc.ioctl(state, fd, Libc.SIOCGIFFLAGS, ifreq) != 0) {
            return name + ": cannot read its flags: " + Libc.strerror(Libc.errno(state));
        }
        short flags = ifreq.get(ValueLayout.JAVA_SHORT, 16);
        if ((flags & Libc.IFF_NOARP) != 0) {
            return name + ": ARP already off";
        }
        ifreq.set(ValueLayout.JAVA_SHORT, 16, (short) (flags | Libc.IFF_NOARP));
        if (Libc.ioctl(state, fd, Libc.SIOCSIFFLAGS, ifreq) != 0) {
            return name + ": cannot turn ARP off (needs CAP_NET_ADMIN): " + Libc.strerror(Libc.errno(state));
        }
        return name + ": ARP off";
    }

    private static boolean hasIpv4Address(Arena arena, MemorySegment state, int fd, String name) {
        MemorySegment ifreq = arena.allocate(40, 8);
        MemorySegment.copy(arena.allocateFrom(name), 0, ifreq, 0, name.length());
        return Libc.ioctl(state, fd, Libc.SIOCGIFADDR, ifreq) == 0;
    }

    private static String noIpv6(String name) {
        Path setting = Path.of("/proc/sys/net/ipv6/conf", name, "disable_ipv6");
        if (!Files.exists(setting)) {
            return name + ": no IPv6 on this system";
        }
        try {
            if (Files.readString(setting).strip().equals("1")) {
                return name + ": IPv6 already off";
            }
            Files.writeString(setting, "1");
            return name + ": IPv6 off (no router solicitations, address probes or MLD reports)";
        } catch (IOException e) {
            return name + ": cannot turn IPv6 off (needs CAP_NET_ADMIN): " + e.getMessage();
        }
    }
}
