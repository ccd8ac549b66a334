package io.telltale.analysis.asset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MAC prefix → maker, from the IEEE registry as the system has it: Wireshark's {@code manuf} file or
 * Debian's {@code ieee-data}, which the operator keeps current with the system's packages. Loaded once;
 * a machine with neither gets the copy bundled in the jar.
 */
public final class OuiRegistry {

    static final List<Path> LOCATIONS = List.of(Path.of("/usr/share/wireshark/manuf"), Path.of("/usr/share/ieee-data/oui.txt"));

    private static final java.util.regex.Pattern HEX6 = java.util.regex.Pattern.compile("[0-9a-f]{6}\t");
    private final Map<String, String> vendors;

    private OuiRegistry(Map<String, String> vendors) {
        this.vendors = vendors;
    }

    /** The system's registry when it has one, else the bundled copy. */
    public static OuiRegistry system() {
        for (Path p : LOCATIONS) {
            if (Files.isReadable(p)) {
                try {
                    return new OuiRegistry(parse(Files.readAllLines(p, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // try the next one
                }
            }
        }
        return bundled();
    }

    /** The copy shipped in the jar (IEEE MA-L from Debian's ieee-data), for machines that have neither file. */
    public static OuiRegistry bundled() {
        try (var in = OuiRegistry.class.getResourceAsStream("oui.tsv.gz")) {
            if (in == null) {
                return new OuiRegistry(Map.of());
            }
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(in),
                    StandardCharsets.UTF_8))) {
                return new OuiRegistry(parse(reader.lines().toList()));
            }
        } catch (IOException e) {
            return new OuiRegistry(Map.of());
        }
    }

    /**
     * Wireshark's "00:1A:AA\tShort\tLong name", IEEE's "00-1A-AA   (hex)\t\tName" and the bundled
     * "001aaa\tName" lines; others (comments, longer MA-M/MA-S prefixes) are skipped.
     */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> v = new HashMap<>();
        for (String line : lines) {
            if (line.length() > 8 && line.charAt(2) == ':' && line.charAt(5) == ':' && line.charAt(8) == '\t') {
                String[] parts = line.split("\t");
                v.put(line.substring(0, 8).toLowerCase(Locale.ROOT), parts[parts.length - 1].trim());
            } else if (line.length() > 7 && line.charAt(6) == '\t' && HEX6.matcher(line).lookingAt()) {
                v.put(line.substring(0, 2) + ":" + line.substring(2, 4) + ":" + line.substring(4, 6), line.substring(7).trim());
            } else if (line.length() > 20 && line.charAt(2) == '-' && line.contains("(hex)")) {
                v.put(line.substring(0, 8).replace('-', ':').toLowerCase(Locale.ROOT),
                        line.substring(line.indexOf("(hex)") + 5).trim());
            }
        }
        return v;
    }

    /** How many prefixes are known. */
    public int size() {
        return vendors.size();
    }

    /** The maker of a MAC address, or null. */
    public String vendor(String mac) {
        return mac == null || mac.length() < 8 ? null : vendors.get(mac.substring(0, 8).toLowerCase(Locale.ROOT));
    }
}
