package io.telltale.analysis.index.query;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.index.FlowFields;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.IndexedAddresses;
import io.telltale.capture.flow.FlowIds;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * What a value means for a field of each type: addresses take literals, CIDR blocks and ranges; counts
 * take numbers, ranges and comparisons; durations take units; times take ISO times; names are matched
 * in lower case with {@code *} and {@code ?}; texts exactly. {@code *} alone means "has the field".
 * Errors are {@link IllegalArgumentException}s the parser places in the query.
 */
final class FieldQueries {

    private FieldQueries() {
    }

    static Query of(FieldSpec field, Value value, IndexSchema.Presence presence, boolean points) {
        if (!value.isRange() && !value.quoted() && value.text().equals("*")) {
            return exists(field, presence);
        }
        if (field == FlowFields.UID) {
            if (value.isRange() || value.wildcard()) {
                throw new IllegalArgumentException("a uid is matched whole (C and up to 11 letters or digits)");
            }
            return LongPoint.newExactQuery(IndexSchema.ID, FlowIds.parse(value.text()));
        }
        if (field == FlowFields.COMMUNITY_ID) {
            return communityId(value);
        }
        return switch (field.type()) {
            case ADDRESS -> address(field.name(), value);
            case COUNT, COUNT_LIST -> number(field.name(), points, value, FieldQueries::count);
            case INTERVAL -> number(field.name(), points, value,
                    FlowQueryParser.isTime(field) ? TimeValues::instantNanos : TimeValues::durationNanos);
            case BOOLEAN -> bool(field.name(), value);
            case NAME -> keyword(field.name(), value, true);
            case TEXT, TEXT_LIST -> keyword(field.name(), value, false);
        };
    }

    /**
     * A Community ID, matched whole: by the first 64 bits of its hash in the doc values (see
     * {@link IndexSchema#COMMUNITY_HASH}), or as the keyword indices written before it hold.
     */
    private static Query communityId(Value value) {
        if (value.isRange() || value.wildcard()) {
            throw new IllegalArgumentException("a Community ID is matched whole (1: and 28 Base64 characters)");
        }
        Query keyword = new TermQuery(new Term(FlowFields.COMMUNITY_ID.name(), IndexSchema.term(value.text())));
        Long hash = IndexSchema.communityHash(value.text());
        if (hash == null) {
            return keyword; // not one we would have hashed; only an older index might hold it as text
        }
        return new BooleanQuery.Builder()
                .add(NumericDocValuesField.newSlowExactQuery(IndexSchema.COMMUNITY_HASH, hash), Occur.SHOULD)
                .add(keyword, Occur.SHOULD)
                .build();
    }

    /**
     * The documents that have the field, told as the index tells it (IndexSchema#presence): by its doc
     * values or its points, or by a present term — which is looked for as well, since a value that could
     * not take the field's type is indexed as a keyword with that term.
     */
    static Query exists(FieldSpec field, IndexSchema.Presence presence) {
        Query term = new TermQuery(new Term(IndexSchema.PRESENT, field.name()));
        Query structural = switch (presence) {
            case ALWAYS -> new MatchAllDocsQuery();
            case TERM -> null;
            case DOC_VALUES -> new org.apache.lucene.search.FieldExistsQuery(field.name());
            case POINTS -> field.type() == io.telltale.analysis.field.FieldType.ADDRESS
                    ? InetAddressPoint.newRangeQuery(field.name(), InetAddressPoint.MIN_VALUE, InetAddressPoint.MAX_VALUE)
                    : LongPoint.newRangeQuery(field.name(), Long.MIN_VALUE, Long.MAX_VALUE);
        };
        if (structural == null || presence == IndexSchema.Presence.ALWAYS) {
            return structural == null ? term : structural;
        }
        return new BooleanQuery.Builder().add(structural, Occur.SHOULD).add(term, Occur.SHOULD).build();
    }

    /**
     * A wildcard query; a pattern whose automaton Lucene will not build (too many states: found by
     * fuzzing the query language, as a long run of ? and * between other characters) is refused as
     * bad input rather than thrown as Lucene's own exception.
     */
    static Query wildcard(Term term) {
        try {
            return new WildcardQuery(term);
        } catch (org.apache.lucene.util.automaton.TooComplexToDeterminizeException e) {
            throw new IllegalArgumentException("the wildcard pattern is too complex; use fewer * and ? in one word");
        }
    }

    private static long count(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    /** A number or range, on the field's points, or on its doc values when it has no points (see IndexSchema). */
    private static Query number(String name, boolean points, Value value, ToLongFunction<String> read) {
        if (!value.isRange()) {
            if (value.wildcard()) {
                throw new IllegalArgumentException("numbers take no wildcards; use a range such as [1000 TO 2000]");
            }
            long exact = read.applyAsLong(value.text());
            return points ? LongPoint.newExactQuery(name, exact)
                    : SortedNumericDocValuesField.newSlowExactQuery(name, exact);
        }
        long lower = value.lower().equals("*") ? Long.MIN_VALUE : read.applyAsLong(value.lower());
        long upper = value.upper().equals("*") ? Long.MAX_VALUE : read.applyAsLong(value.upper());
        if (!value.lowerInclusive() && lower != Long.MIN_VALUE) {
            if (lower == Long.MAX_VALUE) {
                return new MatchNoDocsQuery();
            }
            lower++;
        }
        if (!value.upperInclusive() && upper != Long.MAX_VALUE) {
            if (upper == Long.MIN_VALUE) {
                return new MatchNoDocsQuery();
            }
            upper--;
        }
        return points ? LongPoint.newRangeQuery(name, lower, upper)
                : SortedNumericDocValuesField.newSlowRangeQuery(name, lower, upper);
    }

    private static Query address(String name, Value value) {
        if (value.isRange()) {
            InetAddress lower = value.lower().equals("*") ? InetAddressPoint.MIN_VALUE : literal(value.lower());
            InetAddress upper = value.upper().equals("*") ? InetAddressPoint.MAX_VALUE : literal(value.upper());
            try {
                if (!value.lowerInclusive() && !value.lower().equals("*")) {
                    lower = InetAddressPoint.nextUp(lower);
                }
                if (!value.upperInclusive() && !value.upper().equals("*")) {
                    upper = InetAddressPoint.nextDown(upper);
                }
            } catch (ArithmeticException e) {
                return new MatchNoDocsQuery();
            }
            return ipv6Only(name, lower, upper);
        }
        String text = value.text();
        if (value.wildcard()) {
            throw new IllegalArgumentException("addresses take CIDR blocks, not wildcards: write 10.1.0.0/16");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return InetAddressPoint.newExactQuery(name, literal(text));
        }
        InetAddress network = literal(text.substring(0, slash));
        int bits = network.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.substring(slash + 1) + "' is not a prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("a prefix length is 0-" + bits + " for this address, not " + prefix);
        }
        if (network.getAddress().length == 4) {
            return InetAddressPoint.newPrefixQuery(name, network, prefix);
        }
        byte[] low = network.getAddress();
        byte[] high = network.getAddress();
        for (int bit = prefix; bit < 128; bit++) {
            low[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            high[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return ipv6Only(name, address(low), address(high));
    }

    // Java turns IPv4-mapped addresses into Inet4Address: these are 0.0.0.0 and 255.255.255.255, which the
    // points encode as ::ffff:0.0.0.0 and ::ffff:255.255.255.255
    private static final InetAddress MAPPED_LOW = address(new byte[] {0, 0, 0, 0});
    private static final InetAddress MAPPED_HIGH = address(new byte[] {-1, -1, -1, -1});

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A range of addresses; when both ends are IPv6, the IPv4 addresses (which the index keeps as
     * IPv4-mapped IPv6, {@code ::ffff:a.b.c.d}) are cut out of it: {@code ::/5} means no IPv4 address.
     */
    private static Query ipv6Only(String name, InetAddress lower, InetAddress upper) {
        if (lower.getAddress().length == 4 || upper.getAddress().length == 4) {
            return InetAddressPoint.newRangeQuery(name, lower, upper);
        }
        BigInteger lo = new BigInteger(1, lower.getAddress());
        BigInteger hi = new BigInteger(1, upper.getAddress());
        BigInteger mappedLo = BigInteger.valueOf(0xffffL << 32);
        BigInteger mappedHi = BigInteger.valueOf((0xffffL << 32) | 0xffff_ffffL);
        if (hi.compareTo(mappedLo) < 0 || lo.compareTo(mappedHi) > 0) {
            return InetAddressPoint.newRangeQuery(name, lower, upper);
        }
        BooleanQuery.Builder parts = new BooleanQuery.Builder();
        boolean any = false;
        if (lo.compareTo(mappedLo) < 0) {
            parts.add(InetAddressPoint.newRangeQuery(name, lower, InetAddressPoint.nextDown(MAPPED_LOW)), Occur.SHOULD);
            any = true;
        }
        if (hi.compareTo(mappedHi) > 0) {
            parts.add(InetAddressPoint.newRangeQuery(name, InetAddressPoint.nextUp(MAPPED_HIGH), upper), Occur.SHOULD);
            any = true;
        }
        return any ? parts.build() : new MatchNoDocsQuery();
    }

    private static InetAddress literal(String text) {
        InetAddress address = IndexedAddresses.parse(text);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        return address;
    }

    private static Query bool(String name, Value value) {
        String text = value.isRange() ? "" : value.text().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("takes true or false");
        }
        return new TermQuery(new Term(name, text));
    }

    private static Query keyword(String name, Value value, boolean lowerCase) {
        if (value.isRange()) {
            String lower = value.lower().equals("*") ? null : fold(value.lower(), lowerCase);
            String upper = value.upper().equals("*") ? null : fold(value.upper(), lowerCase);
            return TermRangeQuery.newStringRange(name, lower, upper, value.lowerInclusive(), value.upperInclusive());
        }
        String text = fold(value.text(), lowerCase);
        if (value.wildcard()) {
            return wildcard(new Term(name, text));
        }
        return new TermQuery(new Term(name, IndexSchema.term(text)));
    }

    private static String fold(String text, boolean lowerCase) {
        return lowerCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** Words typed without a field: all must be in the free-text field (which keeps no word order). */
    static Query freeText(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c) || c == '*' || c == '?') {
                word.append(Character.toLowerCase(c));
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (words.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        boolean wildcard = words.stream().anyMatch(w -> w.indexOf('*') >= 0 || w.indexOf('?') >= 0);
        if (words.size() == 1) {
            Term term = new Term(IndexSchema.TEXT, words.getFirst());
            return wildcard ? wildcard(term) : new TermQuery(term);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String w : words) {
            Term term = new Term(IndexSchema.TEXT, w);
            all.add(w.indexOf('*') >= 0 || w.indexOf('?') >= 0 ? wildcard(term) : new TermQuery(term), Occur.MUST);
        }
        return all.build();
    }
}
