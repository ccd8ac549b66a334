package io.telltale.analysis.geo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The autonomous system of an address, from the table {@link AsnTableBuilder} writes: sorted ranges
 * searched by binary search, about 8 MB of arrays for the whole Internet.
 */
final class AsnTable {

    private final int[] numbers;
    private final String[] names;
    private final int[] v4First;
    private final int[] v4Last;
    private final int[] v4As;
    private final long[] v6FirstHigh;
    private final long[] v6FirstLow;
    private final long[] v6LastHigh;
    private final long[] v6LastLow;
    private final int[] v6As;

    private AsnTable(DataInputStream in) throws IOException {
        if (in.readInt() != AsnTableBuilder.MAGIC || in.readInt() != AsnTableBuilder.VERSION) {
            throw new IOException("not an ASN table of this version");
        }
        int count = in.readInt();
        numbers = new int[count];
        names = new String[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = in.readInt();
            names[i] = in.readUTF();
        }
        int n4 = in.readInt();
        v4First = new int[n4];
        v4Last = new int[n4];
        v4As = new int[n4];
        for (int i = 0; i < n4; i++) {
            v4First[i] = in.readInt();
            v4Last[i] = in.readInt();
            v4As[i] = in.readInt();
        }
        int n6 = in.readInt();
        v6FirstHigh = new long[n6];
        v6FirstLow = new long[n6];
        v6LastHigh = new long[n6];
        v6LastLow = new long[n6];
        v6As = new int[n6];
        for (int i = 0; i < n6; i++) {
            v6FirstHigh[i] = in.readLong();
            v6FirstLow[i] = in.readLong();
            v6LastHigh[i] = in.readLong();
            v6LastLow[i] = in.readLong();
            v6As[i] = in.readInt();
        }
    }

    static AsnTable read(InputStream gzipped) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(gzipped, 1 << 16)))) {
            return new AsnTable(in);
        }
    }

    /** The AS index of an address (4 or 16 bytes), or -1. */
    int find(byte[] address) {
        if (address.length == 4) {
            int a = ((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16) | ((address[2] & 0xff) << 8) | (address[3] & 0xff);
            int lo = 0;
            int hi = v4First.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Integer.compareUnsigned(v4First[mid], a) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found >= 0 && Integer.compareUnsigned(a, v4Last[found]) <= 0 ? v4As[found] : -1;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (address[i] & 0xff);
            low = (low << 8) | (address[8 + i] & 0xff);
        }
        int lo = 0;
        int hi = v6FirstHigh.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6FirstHigh[mid], v6FirstLow[mid], high, low) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && compare(high, low, v6LastHigh[found], v6LastLow[found]) <= 0 ? v6As[found] : -1;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        return aHigh != bHigh ? Long.compareUnsigned(aHigh, bHigh) : Long.compareUnsigned(aLow, bLow);
    }

    int number(int index) {
        return numbers[index];
    }

    String name(int index) {
        return names[index];
    }
}
