package io.telltale.analysis.geo;

import com.google.common.net.InetAddresses;
import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Country and AS of an address, from the databases in the jar (see the package description). Loaded
 * once, read from any thread. An address the databases do not cover — private ranges, documentation
 * ranges, unallocated space — has no country and no AS; so has every address when a database is
 * missing from the jar, and the monitor goes on without enrichment.
 */
public final class GeoDatabase {

    /** Where an address is: ISO 3166 country code, AS number and organisation; null or -1 when unknown. */
    public record Location(String country, long asn, String organisation) {
        public static final Location UNKNOWN = new Location(null, -1, null);

        public boolean known() {
            return country != null || asn >= 0;
        }
    }

    private static volatile GeoDatabase bundled;

    private volatile Reader countries;
    private volatile AsnTable asns;
    private volatile boolean loaded;

    GeoDatabase(Reader countries, AsnTable asns) {
        this.countries = countries;
        this.asns = asns;
        this.loaded = true;
    }

    private GeoDatabase() {
        // the bundled files are read on the first lookup: a run that places no address pays nothing
    }

    /** The bundled databases; their files (about a second's work) are read when the first address is placed. */
    public static GeoDatabase bundled() {
        GeoDatabase db = bundled;
        if (db == null) {
            synchronized (GeoDatabase.class) {
                db = bundled;
                if (db == null) {
                    db = new GeoDatabase();
                    bundled = db;
                }
            }
        }
        return db;
    }

    private void load() {
        synchronized (this) {
            if (!loaded) {
                countries = countryReader();
                asns = asnTable();
                loaded = true;
            }
        }
    }

    private static Reader countryReader() {
        try (InputStream in = GeoDatabase.class.getResourceAsStream("country.mmdb.gz")) {
            return in == null ? null : new Reader(new GZIPInputStream(in, 1 << 16), new CHMCache());
        } catch (IOException e) {
            return null;
        }
    }

    private static AsnTable asnTable() {
        try (InputStream in = GeoDatabase.class.getResourceAsStream("asn.bin.gz")) {
            return in == null ? null : AsnTable.read(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** RFC 5737 and RFC 3849 documentation ranges (the scenario generator's "Internet"). */
    static boolean documentation(byte[] b) {
        if (b.length == 4) {
            int x = b[0] & 0xff;
            int y = b[1] & 0xff;
            int z = b[2] & 0xff;
            return (x == 192 && y == 0 && z == 2) || (x == 198 && y == 51 && z == 100) || (x == 203 && y == 0 && z == 113);
        }
        return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8
                || (b[0] & 0xfe) == 0xfc;
    }

    /**
     * Answers remembered by address: an alert storm asks for the same few remote ends again and again,
     * and each answer decodes a database record (2 % of reading a capture with 180,000 alerts). Cleared
     * wholesale when full, so a scan of random addresses cannot grow it.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Location> answers = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_ANSWERS = 1 << 16;

    /** Where an address literal is; {@link Location#UNKNOWN} for anything else. Never asks the DNS. */
    public Location locate(String address) {
        if (address == null) {
            return Location.UNKNOWN;
        }
        Location known = answers.get(address);
        if (known != null) {
            return known;
        }
        Location found = lookUp(address);
        if (answers.size() >= MAX_ANSWERS) {
            answers.clear();
        }
        answers.put(address, found);
        return found;
    }

    private Location lookUp(String address) {
        if (!InetAddresses.isInetAddress(address)) {
            return Location.UNKNOWN;
        }
        InetAddress a = InetAddresses.forString(address);
        if (a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
                || a.isAnyLocalAddress() || documentation(a.getAddress())) {
            return Location.UNKNOWN; // no country owns these, whatever a database row says
        }
        if (!loaded) {
            load();
        }
        String country = null;
        if (countries != null) {
            try {
                Map<?, ?> record = countries.get(a, Map.class);
                Object code = record == null ? null : record.get("country_code");
                country = code == null ? null : code.toString();
            } catch (IOException | RuntimeException e) {
                country = null; // a damaged database answers nothing rather than stopping the monitor
            }
        }
        int as = asns == null ? -1 : asns.find(a.getAddress());
        return new Location(country, as < 0 ? -1 : Integer.toUnsignedLong(asns.number(as)), as < 0 ? null : asns.name(as));
    }
}
