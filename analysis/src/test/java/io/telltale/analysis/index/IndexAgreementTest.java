package io.telltale.analysis.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The index answers as a scan of the flow records would. Every reference capture and the example
 * screening day are indexed; a fixed set of queries a person wrote and then random queries of the
 * same shapes (addresses, CIDR blocks, port ranges, DNS wildcards, SNI, JA4, countries, durations,
 * time ranges, and AND/OR/NOT mixes of them) must return exactly the flows a brute-force evaluation of
 * each query over the flows' values selects. The brute force reads values the same way the index
 * does ({@link FlowDocuments#values}); what it checks is everything after that: the Lucene mapping,
 * the parser, the aliases and the matching of each value type.
 */
class IndexAgreementTest {

    private static Path dataDir;
    private static LuceneFlowSearch search;
    private static final Map<String, Map<String, Collection<Object>>> FLOWS = new LinkedHashMap<>();

    @BeforeContainer
    static void indexEverything() throws IOException {
        dataDir = Files.createTempDirectory("telltale-index");
        FlowDocuments.Enrichment countries = new SiteEnrichment(io.telltale.analysis.geo.GeoDatabase.bundled(), null);
        FlowDocuments documents = new FlowDocuments(IndexSchema.standard(), countries);
        // the indexing thread has its own: a FlowDocuments reuses its buffers and serves one thread
        FlowDocuments indexing = new FlowDocuments(IndexSchema.standard(), countries);
        try (IndexingSink sink = new IndexingSink(new LuceneFlowIndex(new IndexLayout(dataDir), indexing), 1000, true)) {
            List<Path> captures = new ArrayList<>(ReferenceCorpus.load().captures().stream().map(ReferenceCapture::path).toList());
            captures.add(examplePcap());
            for (Path capture : captures) {
                Map<Long, List<ProtocolRecord>> pending = new HashMap<>();
                for (MonitorEvent event : AnalysedCapture.events(capture, FlowConfig.DEFAULTS)) {
                    sink.accept(event);
                    if (event instanceof ProtocolRecord r && r.flowId() != 0) {
                        pending.computeIfAbsent(r.flowId(), k -> new ArrayList<>()).add(r);
                    } else if (event instanceof FlowEvent f) {
                        FlowRecord flow = f.flow();
                        Map<String, Collection<Object>> values = new HashMap<>();
                        documents.values(flow, pending.getOrDefault(flow.id(), List.of()))
                                .forEach((field, v) -> values.put(field.name(), v));
                        FLOWS.put(flow.uid(), values);
                        pending.remove(flow.id());
                    }
                }
            }
        }
        search = new LuceneFlowSearch(new IndexLayout(dataDir), IndexSchema.standard());
    }

    static Path examplePcap() {
        Path here = Paths.get("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("examples/screening-day.pcap"))) {
            here = here.getParent();
        }
        return here.resolve("examples/screening-day.pcap");
    }

    @AfterContainer
    static void close() throws IOException {
        search.close();
    }

    // ---- the brute force: a query as a predicate over a flow's values, and as text ----

    /** A query both as the text the parser reads and as the predicate a scan applies. */
    record Q(String text, Predicate<Map<String, Collection<Object>>> test) {
        Q and(Q other) {
            return new Q("(" + text + " AND " + other.text + ")", v -> test.test(v) && other.test.test(v));
        }

        Q or(Q other) {
            return new Q("(" + text + " OR " + other.text + ")", v -> test.test(v) || other.test.test(v));
        }

        Q not() {
            return new Q("NOT (" + text + ")", v -> !test.test(v));
        }
    }

    static boolean any(Map<String, Collection<Object>> v, List<String> fields, Predicate<Object> match) {
        for (String field : fields) {
            for (Object value : v.getOrDefault(field, List.of())) {
                if (match.test(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    static byte[] bytes(String address) {
        try {
            return InetAddress.getByName(address).getAddress(); // literals only: no lookup happens
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean inBlock(String address, String network, int prefix) {
        byte[] a = bytes(address);
        byte[] n = bytes(network);
        if (a.length != n.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    static Q address(String alias, List<String> fields, String address) {
        return new Q(alias + ":" + address, v -> any(v, fields, x -> java.util.Arrays.equals(bytes(x.toString()), bytes(address))));
    }

    static Q block(String alias, List<String> fields, String address, int prefix) {
        return new Q(alias + ":" + address + "/" + prefix, v -> any(v, fields, x -> inBlock(x.toString(), address, prefix)));
    }

    static Q numbers(String alias, List<String> fields, long low, long high) {
        return new Q(alias + ":[" + low + " TO " + high + "]",
                v -> any(v, fields, x -> x instanceof Long n && n >= low && n <= high));
    }

    static Q above(String field, long bound) {
        return new Q(field + ":>" + bound, v -> any(v, List.of(field), x -> x instanceof Long n && n > bound));
    }

    static Q name(String field, String pattern) {
        Pattern p = glob(pattern.toLowerCase(Locale.ROOT));
        List<String> fields = IndexSchema.standard().resolve(field).stream().map(f -> f.name()).toList();
        return new Q(field + ":" + pattern, v -> any(v, fields, x -> p.matcher(x.toString()).matches()));
    }

    static Q exact(String field, String value) {
        return new Q(field + ":\"" + value + "\"", v -> any(v, List.of(field), x -> x.toString().equals(value)));
    }

    /** The Community ID of the first flow from or to the address that shares it with another flow. */
    static String communityIdOf(String address) {
        Map<Object, Long> counts = FLOWS.values().stream()
                .filter(v -> v.getOrDefault("ip.src", List.of()).contains(address) || v.getOrDefault("ip.dst", List.of()).contains(address))
                .flatMap(v -> v.get("flow.community_id").stream())
                .collect(java.util.stream.Collectors.groupingBy(x -> x, LinkedHashMap::new, java.util.stream.Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).findFirst().orElseThrow().getKey().toString();
    }

    static Q exists(String field) {
        return new Q("exists:" + field, v -> v.containsKey(field));
    }

    static Q durationAtLeast(long seconds) {
        return new Q("duration:>=" + seconds,
                v -> any(v, List.of("flow.duration"), x -> x instanceof Long n && n >= seconds * 1_000_000_000L));
    }

    static Set<String> scan(Q query, long since, long until) {
        Set<String> uids = new TreeSet<>();
        FLOWS.forEach((uid, values) -> {
            long start = (Long) values.get("flow.start").iterator().next();
            long end = (Long) values.get("flow.end").iterator().next();
            if (start <= until && end >= since && query.test().test(values)) {
                uids.add(uid);
            }
        });
        return uids;
    }

    static Set<String> index(String query, long since, long until) throws Exception {
        Set<String> uids = new TreeSet<>();
        SearchRequest request = SearchRequest.of(query).withTime(since, until).withLimit(500);
        SearchPage page = search.search(request);
        long total = page.total();
        while (true) {
            page.hits().forEach(h -> uids.add(h.uid()));
            if (page.next() == null) {
                break;
            }
            page = search.search(request.withAfter(page.next()));
        }
        assertThat(uids).as("pages of %s add up to its total", query).hasSize((int) total);
        return uids;
    }

    /**
     * What a hit shows is what was indexed: every field of every flow read back from the source and the
     * doc values (the start, id and end are not in the source) equals the flow's values.
     */
    @net.jqwik.api.Example
    void hitsShowEveryValueOfTheirFlow() throws Exception {
        Map<String, List<SearchPage.FlowHit>> byUid = new HashMap<>();
        SearchRequest request = SearchRequest.of("").withLimit(1000);
        for (SearchPage page = search.search(request); ; page = search.search(request.withAfter(page.next()))) {
            page.hits().forEach(h -> byUid.computeIfAbsent(h.uid(), k -> new ArrayList<>()).add(h));
            if (page.next() == null) {
                break;
            }
        }
        int compared = 0;
        for (Map.Entry<String, List<SearchPage.FlowHit>> entry : byUid.entrySet()) {
            if (entry.getValue().size() != 1) {
                continue; // a long flow's interim documents each hold a part
            }
            SearchPage.FlowHit hit = entry.getValue().get(0);
            Map<String, Collection<Object>> shown = new HashMap<>();
            hit.fields().forEach((name, value) -> shown.put(name, value instanceof Collection<?> c ? List.copyOf(c) : List.of(value)));
            Map<String, Collection<Object>> expected = new HashMap<>();
            FLOWS.get(entry.getKey()).forEach((name, values) -> expected.put(name, List.copyOf(values)));
            assertThat(shown).as(entry.getKey()).isEqualTo(expected);
            assertThat(hit.startNanos()).isEqualTo(expected.get("flow.start").iterator().next());
            compared++;
        }
        assertThat(compared).isGreaterThan(5000);
    }

    // ---- the queries a person wrote ----

    @net.jqwik.api.Example
    void writtenQueriesAgreeWithTheScan() throws Exception {
        List<Q> written = List.of(
                address("ip", List.of("ip.src", "ip.dst"), "10.20.30.11"),
                address("ip.dst", List.of("ip.dst"), "ff02::1:2"),
                block("ip.dst", List.of("ip.dst"), "203.0.113.0", 24),
                block("ip", List.of("ip.src", "ip.dst"), "fe80::", 10),
                numbers("port", List.of("port.src", "port.dst"), 1, 1023),
                numbers("port.dst", List.of("port.dst"), 8000, 9100),
                name("dns.query", "*.example"),
                name("dns.query", "*.com"),
                name("tls.sni", "*.google.com"),
                name("host", "*google*"),
                exact("tls.ja4", "t13d1516h2_8daaf6152771_02713d6af862"),
                // one flow's Community ID: the 5-tuple's other flows (repeated connections, both directions) share it
                exact("flow.community_id", communityIdOf("10.20.30.11")),
                name("tls.ja4", "t13d*"),
                exists("tls.sni"),
                name("country", "US"),
                name("country.dst", "US").and(numbers("asn.dst", List.of("asn.dst"), 13335, 13335)),
                exists("ssh.hassh"),
                above("bytes.out", 100_000),
                durationAtLeast(60),
                numbers("dns.qtype", List.of("dns.qtype"), 16, 16),
                numbers("packets.out", List.of("packets.out"), 8, 1_000_000).and(numbers("http.status_code",
                        List.of("http.status_code"), 200, 299)),
                address("ip", List.of("ip.src", "ip.dst"), "10.20.30.11").and(block("ip.dst", List.of("ip.dst"), "10.0.0.0", 8).not()),
                exists("dns.query").and(name("flow.transport", "tcp")),
                name("flow.service", "ssl").or(name("flow.service", "ssh")).and(numbers("port.dst", List.of("port.dst"), 443, 443).not()));
        int nonEmpty = 0;
        for (Q q : written) {
            Set<String> expected = scan(q, Long.MIN_VALUE, Long.MAX_VALUE);
            System.out.printf("%6d  %s%n", expected.size(), q.text());
            assertThat(index(q.text(), Long.MIN_VALUE, Long.MAX_VALUE)).as(q.text()).isEqualTo(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(index("community_id:\"1:AAAAAAAAAAAAAAAAAAAAAAAAAAA=\"", Long.MIN_VALUE, Long.MAX_VALUE))
                .as("a Community ID no flow has").isEmpty();
        // a query that found nothing in either proves little: most must find something
        assertThat(nonEmpty).as("written queries that found something").isGreaterThanOrEqualTo(written.size() - 2);
        assertThat(FLOWS).hasSizeGreaterThan(5000);
    }

    /**
     * A word without a field finds the flows with that word in a free-text field (names, URIs, subjects):
     * words are runs of letters and digits, case aside. Words are drawn from the flows themselves.
     */
    @Property(tries = 60)
    void aBareWordFindsTheFlowsWhoseTextHoldsIt(@ForAll("textWords") String word) throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Map.Entry<String, Map<String, Collection<Object>>> flow : FLOWS.entrySet()) {
            for (FieldSpec field : IndexSchema.standard().fields()) {
                if (IndexSchema.standard().fullText(field)) {
                    for (Object value : flow.getValue().getOrDefault(field.name(), List.of())) {
                        if (value instanceof String text && wordsOf(text).contains(word)) {
                            expected.add(flow.getKey());
                        }
                    }
                }
            }
        }
        assertThat(expected).as(word).isNotEmpty();
        assertThat(index(word, Long.MIN_VALUE, Long.MAX_VALUE)).as(word).isEqualTo(expected);
        if (word.chars().allMatch(c -> c < 128)) { // beyond ASCII, upper case is not one char for one (ß: SS)
            assertThat(index(word.toUpperCase(Locale.ROOT), Long.MIN_VALUE, Long.MAX_VALUE)).as("case aside").isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<String> textWords() {
        List<String> words = new ArrayList<>(new TreeSet<>(FLOWS.values().stream().flatMap(v -> IndexSchema.standard().fields().stream()
                .filter(f -> IndexSchema.standard().fullText(f)).flatMap(f -> v.getOrDefault(f.name(), List.of()).stream()))
                .filter(String.class::isInstance).flatMap(t -> wordsOf((String) t).stream()).toList()));
        return Arbitraries.of(words);
    }

    /** The words of a text (its first 2048 chars) as the free-text field holds them: runs of letters and digits, in lower case. */
    static List<String> wordsOf(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder lower = new StringBuilder();
        text.substring(0, Math.min(text.length(), FlowDocuments.MAX_TEXT_CHARS)).chars().forEach(c -> lower.append(Character.isLetterOrDigit((char) c) ? Character.toLowerCase((char) c) : ' '));
        for (String w : lower.toString().split(" +")) {
            if (!w.isEmpty() && w.length() <= 255) {
                words.add(w);
            }
        }
        return words;
    }

    @net.jqwik.api.Example
    void timeRangesSelectTheFlowsThatOverlapThem() throws Exception {
        List<Long> starts = FLOWS.values().stream().map(v -> (Long) v.get("flow.start").iterator().next()).sorted().toList();
        long since = starts.get(starts.size() / 3);
        long until = starts.get(starts.size() / 2);
        Q all = new Q("", v -> true);
        Set<String> expected = scan(all, since, until);
        assertThat(expected).isNotEmpty().hasSizeLessThan(FLOWS.size());
        assertThat(index("", since, until)).isEqualTo(expected);
        Q scanners = block("ip.src", List.of("ip.src"), "10.20.30.0", 24);
        assertThat(index(scanners.text(), since, until)).isEqualTo(scan(scanners, since, until));
    }

    @net.jqwik.api.Example
    void facetCountsAndTheHistogramCountWhatTheScanCounts() throws Exception {
        for (Q q : List.of(new Q("", v -> true), block("ip.src", List.of("ip.src"), "10.20.30.0", 24), exists("tls.sni"))) {
            SearchPage page = search.search(SearchRequest.of(q.text()).withLimit(0)
                    .withFacets(List.of("ip.dst", "port.dst", "flow.service", "tls.ja4"), 10, 24));
            Set<String> matching = scan(q, Long.MIN_VALUE, Long.MAX_VALUE);
            for (String facet : List.of("ip.dst", "port.dst", "flow.service", "tls.ja4")) {
                Map<String, Long> counts = new HashMap<>();
                for (String uid : matching) {
                    for (Object value : FLOWS.get(uid).getOrDefault(facet, List.of())) {
                        counts.merge(value.toString(), 1L, Long::sum);
                    }
                }
                List<SearchPage.FacetCount> top = page.facets().get(facet);
                assertThat(top).as("%s %s", q.text(), facet).hasSize(Math.min(10, counts.size()));
                long least = Long.MAX_VALUE;
                for (SearchPage.FacetCount count : top) {
                    assertThat(count.count()).as("%s %s=%s", q.text(), facet, count.value()).isEqualTo(counts.get(count.value()));
                    least = Math.min(least, count.count());
                }
                Set<String> shown = new java.util.HashSet<>(top.stream().map(SearchPage.FacetCount::value).toList());
                for (Map.Entry<String, Long> other : counts.entrySet()) {
                    if (!shown.contains(other.getKey())) {
                        assertThat(other.getValue()).as("%s %s: %s is not in the top", q.text(), facet, other.getKey())
                                .isLessThanOrEqualTo(least);
                    }
                }
            }
            assertThat(page.histogram().stream().mapToLong(SearchPage.HistogramBucket::count).sum()).isEqualTo(matching.size());
            assertThat(page.histogram()).hasSizeLessThanOrEqualTo(24);
        }
    }

    // ---- random queries of the same shapes ----

    @Property(tries = 300)
    void randomQueriesAgreeWithTheScan(@ForAll("queries") Q query, @ForAll("times") long[] range) throws Exception {
        assertThat(index(query.text(), range[0], range[1])).as(query.text()).isEqualTo(scan(query, range[0], range[1]));
    }

    static List<Object> valuesOf(String field) {
        Set<Object> values = new java.util.LinkedHashSet<>();
        FLOWS.values().forEach(v -> values.addAll(v.getOrDefault(field, List.of())));
        return new ArrayList<>(values);
    }

    @Provide
    Arbitrary<long[]> times() {
        List<Long> starts = FLOWS.values().stream().map(v -> (Long) v.get("flow.start").iterator().next()).sorted().toList();
        Arbitrary<Long> point = Arbitraries.of(starts);
        return Arbitraries.oneOf(Arbitraries.just(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}),
                Combinators.combine(point, point).as((a, b) -> new long[] {Math.min(a, b), Math.max(a, b)}));
    }

    @Provide
    Arbitrary<Q> queries() {
        return leaf().flatMap(first -> Arbitraries.integers().between(0, 3).flatMap(n -> combine(first, n)));
    }

    private Arbitrary<Q> combine(Q first, int more) {
        if (more == 0) {
            return Arbitraries.oneOf(Arbitraries.just(first), Arbitraries.just(first.not()));
        }
        return Combinators.combine(leaf(), Arbitraries.integers().between(0, 2)).as((next, how) -> switch (how) {
            case 0 -> first.and(next);
            case 1 -> first.or(next);
            default -> first.and(next.not());
        }).flatMap(q -> combine(q, more - 1));
    }

    private Arbitrary<Q> leaf() {
        List<String> addresses = valuesOf("ip.dst").stream().map(Object::toString).toList();
        List<String> sources = valuesOf("ip.src").stream().map(Object::toString).toList();
        List<Object> ports = valuesOf("port.dst");
        List<String> queries = valuesOf("dns.query").stream().map(Object::toString).filter(s -> s.indexOf('.') > 0
                && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-')).toList();
        List<String> snis = valuesOf("tls.sni").stream().map(Object::toString)
                .filter(s -> s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-')).toList();
        List<String> ja4s = valuesOf("tls.ja4").stream().map(Object::toString).toList();
        List<String> countries = valuesOf("country.dst").stream().map(Object::toString).toList();
        List<Arbitrary<Q>> shapes = new ArrayList<>();
        shapes.add(Arbitraries.of(addresses).map(a -> address("ip.dst", List.of("ip.dst"), a)));
        shapes.add(Arbitraries.of(sources).map(a -> address("ip", List.of("ip.src", "ip.dst"), a)));
        shapes.add(Combinators.combine(Arbitraries.of(addresses), Arbitraries.integers().between(0, 128)).as((a, bits) -> {
            int max = bytes(a).length * 8;
            int prefix = bits % (max + 1);
            String network = network(a, prefix);
            return block(bits % 2 == 0 ? "ip.dst" : "ip", bits % 2 == 0 ? List.of("ip.dst") : List.of("ip.src", "ip.dst"),
                    network, prefix);
        }));
        shapes.add(Combinators.combine(Arbitraries.of(ports), Arbitraries.longs().between(0, 2000)).as((p, width) -> {
            long low = Math.max(0, (Long) p - width / 2);
            return numbers(width % 2 == 0 ? "port.dst" : "port", width % 2 == 0 ? List.of("port.dst")
                    : List.of("port.src", "port.dst"), low, low + width);
        }));
        if (!queries.isEmpty()) {
            shapes.add(Arbitraries.of(queries).map(q -> name("dns.query", "*" + q.substring(q.indexOf('.')))));
            shapes.add(Arbitraries.of(queries).map(q -> name("dns.query", q)));
        }
        if (!snis.isEmpty()) {
            shapes.add(Arbitraries.of(snis).map(s -> name("tls.sni", s)));
            shapes.add(Arbitraries.of(snis).map(s -> name("host", s.substring(0, Math.min(3, s.length())) + "*")));
        }
        if (!ja4s.isEmpty()) {
            shapes.add(Arbitraries.of(ja4s).map(j -> exact("tls.ja4", j)));
            shapes.add(Arbitraries.of(ja4s).map(j -> name("tls.ja4", j.substring(0, 4) + "*")));
        }
        if (!countries.isEmpty()) {
            shapes.add(Arbitraries.of(countries).map(c -> name("country.dst", c)));
        }
        shapes.add(Arbitraries.of("tls.sni", "dns.query", "http.host", "ssh.client", "dhcp.host_name").map(IndexAgreementTest::exists));
        shapes.add(Arbitraries.longs().between(0, 3600).map(IndexAgreementTest::durationAtLeast));
        shapes.add(Arbitraries.longs().between(0, 100_000).map(b -> above("bytes.out", b)));
        shapes.add(Arbitraries.of(1L, 5L, 12L, 16L, 28L, 33L, 255L).map(t -> numbers("dns.qtype", List.of("dns.qtype"), t, t)));
        shapes.add(Arbitraries.longs().between(1, 200).map(p -> above("packets.in", p)));
        return Arbitraries.oneOf(shapes);
    }

    static String network(String address, int prefix) {
        byte[] a = bytes(address);
        for (int bit = prefix; bit < a.length * 8; bit++) {
            a[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
