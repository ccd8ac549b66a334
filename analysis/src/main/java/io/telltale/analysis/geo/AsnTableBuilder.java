package io.telltale.analysis.geo;

import com.google.common.net.InetAddresses;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bundled ASN table from ip-location-db's {@code asn-ipv4.csv} and {@code asn-ipv6.csv}
 * (rows: first address, last address, AS number, organisation). To refresh:
 * {@code npm pack @ip-location-db/asn}, unpack it, and run this class with the two CSV files and
 * {@code analysis/src/main/resources/io/telltale/analysis/geo/asn.bin.gz} as arguments.
 *
 * <p>The format, gzip-compressed: the magic {@code TTAS}, a version (1), the AS table (count, then
 * number and organisation per AS), the IPv4 ranges (count, then first, last and AS index as ints,
 * sorted by first) and the IPv6 ranges (count, then first and last as two longs each, and the AS index).
 */
public final class AsnTableBuilder {

    static final int MAGIC = 0x54544153;
    static final int VERSION = 1;

    private AsnTableBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: AsnTableBuilder asn-ipv4.csv asn-ipv6.csv asn.bin.gz");
            System.exit(2);
        }
        Map<Long, Integer> index = new HashMap<>();
        List<Long> numbers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<long[]> v4 = read(Path.of(args[0]), index, numbers, names);
        List<long[]> v6 = read(Path.of(args[1]), index, numbers, names);
        try (OutputStream file = Files.newOutputStream(Path.of(args[2]));
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(file, 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(numbers.size());
            for (int i = 0; i < numbers.size(); i++) {
                out.writeInt((int) (long) numbers.get(i));
                out.writeUTF(names.get(i));
            }
            out.writeInt(v4.size());
            for (long[] r : v4) {
                out.writeInt((int) r[1]);
                out.writeInt((int) r[3]);
                out.writeInt((int) r[4]);
            }
            out.writeInt(v6.size());
            for (long[] r : v6) {
                out.writeLong(r[0]);
                out.writeLong(r[1]);
                out.writeLong(r[2]);
                out.writeLong(r[3]);
                out.writeInt((int) r[4]);
            }
        }
        System.out.printf("%d ASes, %d IPv4 and %d IPv6 ranges%n", numbers.size(), v4.size(), v6.size());
    }

    /** Rows as {first high, first low, last high, last low, AS index}, sorted by first address. */
    private static List<long[]> read(Path csv, Map<Long, Integer> index, List<Long> numbers, List<String> names)
            throws IOException {
        List<long[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = split(line);
                if (f.length < 4) {
                    continue;
                }
                long asn = Long.parseLong(f[2]);
                Integer i = index.get(asn);
                if (i == null) {
                    i = numbers.size();
                    index.put(asn, i);
                    numbers.add(asn);
                    String name = f[3];
                    names.add(name.length() > 200 ? name.substring(0, 200) : name);
                }
                long[] first = halves(f[0]);
                long[] last = halves(f[1]);
                rows.add(new long[]{first[0], first[1], last[0], last[1], i});
            }
        }
        rows.sort((a, b) -> a[0] != b[0] ? Long.compareUnsigned(a[0], b[0]) : Long.compareUnsigned(a[1], b[1]));
        return rows;
    }

    /** An address as two unsigned 64-bit halves; IPv4 in the low half. */
    static long[] halves(String address) {
        byte[] b = InetAddresses.forString(address).getAddress();
        BigInteger v = new BigInteger(1, b);
        return new long[]{v.shiftRight(64).longValue(), v.longValue()};
    }

    /** A CSV line whose last field may be quoted (organisation names hold commas). */
    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }
}
