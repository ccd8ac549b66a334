package io.telltale.analysis.index.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.index.IndexSchema;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever an analyst (or an attacker at the API) types, the parser builds a query or says where it is wrong. */
class QueryParserPropertyTest {

    private final FlowQueryParser parser = new FlowQueryParser(IndexSchema.standard(), value -> Set.of(1L));

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("ip:", "ip.dst:", "port:", "bytes.out:", "duration:", "start:", "dns.query:", "tls.ja4:", "uid:",
                        "exists:", "alert:", "host:", "flow.interim:", "dns.qtype:", "nosuch:", "AND", "OR", "NOT", "&&", "||",
                        "!", "-", "+", "(", ")", "[", "]", "{", "}", "TO", "*", "?", "\"", "\\", ">", ">=", "<", "<=", ":", "::",
                        "/", "10.0.0.0/8", "2001:db8::/33", "fe80::1", "1.2.3.4", "443", "-5", "9223372036854775807",
                        "99999999999999999999", "60s", "2h", "2026-11-28", "2026-11-28T10:00:00Z", "*.example", "t13d*",
                        "CAbc123", "true", "x", " ", "  "),
                Arbitraries.strings().ofMaxLength(6));
        return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
    }

    @Property(tries = 3000)
    void readsOrSaysWhereItIsWrong(@ForAll("queries") String query) {
        try {
            assertThat(parser.parse(query)).isNotNull();
        } catch (QueryException e) {
            assertThat(e.position()).isBetween(0, query.length());
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.explain()).contains("column " + (e.position() + 1));
        }
    }
}
