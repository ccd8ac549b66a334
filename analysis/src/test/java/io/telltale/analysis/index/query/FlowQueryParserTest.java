package io.telltale.analysis.index.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.analysis.index.IndexSchema;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the parser builds and, for a wrong query, where and why it says it is wrong. */
class FlowQueryParserTest {

    private final FlowQueryParser parser = new FlowQueryParser(IndexSchema.standard(), value -> value.equals("beaconing")
            ? Set.of(7L, 9L) : Set.of());

    private String parse(String query) throws QueryException {
        Query q = parser.parse(query);
        return q.toString();
    }

    @Test
    void aliasesStandForEveryFieldTheyName() throws QueryException {
        assertThat(parse("ip:10.1.2.3")).isEqualTo("ip.src:[10.1.2.3 TO 10.1.2.3] ip.dst:[10.1.2.3 TO 10.1.2.3]");
        assertThat(parse("port:443")).isEqualTo("port.src:[443 TO 443] port.dst:[443 TO 443]");
        assertThat(parse("host:*.EXAMPLE")).contains("dns.query:*.example", "tls.sni:*.example", "http.host:*.example");
    }

    @Test
    void typedValuesBecomeTypedQueries() throws QueryException {
        assertThat(parse("ip.dst:203.0.113.0/24")).isEqualTo("ip.dst:[203.0.113.0 TO 203.0.113.255]");
        assertThat(parse("ip.dst:2001:db8::/32")).isEqualTo("ip.dst:[2001:db8:0:0:0:0:0:0 TO 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]");
        assertThat(parse("ip.dst:::1")).isEqualTo("ip.dst:[0:0:0:0:0:0:0:1 TO 0:0:0:0:0:0:0:1]");
        // IPv4 addresses are kept IPv4-mapped: an IPv6 block around them leaves them out
        assertThat(parse("ip.dst:::/5")).isEqualTo("ip.dst:[0:0:0:0:0:0:0:0 TO 0:0:0:0:0:fffe:ffff:ffff] "
                + "ip.dst:[0:0:0:0:1:0:0:0 TO 7ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]");
        assertThat(parse("bytes.out:>1000000")).isEqualTo("bytes.out:[1000001 TO 9223372036854775807]");
        assertThat(parse("bytes.out:<=10")).isEqualTo("bytes.out:[-9223372036854775808 TO 10]");
        assertThat(parse("duration:[60 TO *]")).isEqualTo("flow.duration:[60000000000 TO 9223372036854775807]");
        assertThat(parse("duration:>2m")).isEqualTo("flow.duration:[120000000001 TO 9223372036854775807]");
        assertThat(parse("start:[2026-11-28 TO 2026-11-28T12:00:00Z}"))
                .isEqualTo("flow.start:[1795824000000000000 TO 1795867199999999999]");
        assertThat(parse("tls.ja4:t13d*")).isEqualTo("tls.ja4:t13d*");
        // a facet's doc values say it is there; the term catches a value that could not take the field's type
        assertThat(parse("exists:tls.sni")).isEqualTo("(FieldExistsQuery [field=tls.sni] _fields:tls.sni)");
        // a Community ID by the first 64 bits of its hash (0x2d053da9994af81e), or as the keyword of older indices
        assertThat(parse("community_id:\"1:LQU9qZlK+B5F3KDmev6m5PMibrg=\"")).isEqualTo(
                "_community:[3244066905220904990 TO 3244066905220904990] flow.community_id:1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
        assertThat(parse("alert:beaconing")).startsWith("flow.id:{");
        assertThat(parse("alert:nothing")).startsWith("MatchNoDocsQuery");
    }

    @Test
    void booleansFollowLuceneWithTermsSideBySideAllRequired() throws QueryException {
        assertThat(parse("a b")).isEqualTo("+text:a +text:b");
        assertThat(parse("a OR b c")).isEqualTo("text:a (+text:b +text:c)");
        assertThat(parse("NOT proto:udp")).isEqualTo("-flow.transport:udp #*:*");
        assertThat(parse("-(proto:udp OR proto:icmp) && port:53")).isEqualTo(
                "+(port.src:[53 TO 53] port.dst:[53 TO 53]) -(flow.transport:udp flow.transport:icmp)");
        assertThat(parse("\"evil.example\"")).isEqualTo("+text:evil +text:example");
        assertThat(parse("   ")).isEqualTo("*:*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ip.dst:203.0.113.0/33       | 7  | a prefix length is 0-32",
        "ip.dst:10.1.*               | 7  | CIDR blocks, not wildcards",
        "community_id:1:LQU9*        | 13 | a Community ID is matched whole",
        "ip.dst:not-an-address       | 7  | not an IPv4 or IPv6 address",
        "tls.snii:x                  | 0  | no field or alias 'tls.snii'",
        "bytes.out:>lots             | 10 | 'lots' is not a whole number",
        "(proto:tcp                  | 0  | '(' is not closed",
        "proto:tcp)                  | 9  | ')' without its '('",
        "proto:tcp AND               | 13 | the query ends where a term is needed",
        "port:[1 1023]               | 8  | needs TO",
        "port:[1 TO 1023             | 15 | ends with ] or }",
        "proto:                      | 6  | a value is needed",
        "dns.query:\"open            | 10 | the quote is not closed",
        "start:>yesterday            | 6  | not a time",
        "exists:nothing.here         | 7  | no field or alias",
        "OR proto:tcp                | 0  | a term is needed here",
        "()                          | 0  | empty parentheses",
    })
    void errorsSayWhereAndWhy(String query, int position, String because) {
        assertThatThrownBy(() -> parser.parse(query.strip()))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.position()).as(e.explain()).isEqualTo(position);
                    assertThat(e.getMessage()).contains(because.strip());
                    assertThat(e.explain()).contains("column " + (position + 1)).contains(query.strip());
                });
    }

    @Test
    void hostileStringsAreValuesNotSyntax() throws QueryException {
        assertThat(parse("tls.sni:\"<img src=x onerror=alert(1)>\"")).isEqualTo("tls.sni:<img src=x onerror=alert(1)>");
        assertThat(parse("http.uri:/a\\ b\\)")).isEqualTo("http.uri:/a b)");
    }
}
