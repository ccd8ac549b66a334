package io.telltale.analysis.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.lucene.document.InetAddressPoint;

/**
 * The hand-written dotted-quad reader encodes exactly as InetAddressPoint does after Guava's parser,
 * and refuses what Guava refuses: an index written one way is searched the other.
 */
class IndexedAddressesTest {

    @Property(tries = 3000)
    void aDottedQuadEncodesAsInetAddressPointDoes(@ForAll("quads") String text) {
        InetAddress parsed = IndexedAddresses.parse(text);
        byte[] encoded = IndexedAddresses.encode(text);
        if (parsed == null) {
            assertThat(encoded).as(text).isNull();
        } else {
            assertThat(encoded).as(text).isEqualTo(InetAddressPoint.encode(parsed));
        }
    }

    @Property(tries = 200)
    void aFlowsRawAddressEncodesAsItsTextDoes(@ForAll("quads") String text) {
        InetAddress parsed = IndexedAddresses.parse(text);
        if (parsed != null) {
            byte[] point = InetAddressPoint.encode(parsed);
            long high = java.nio.ByteBuffer.wrap(point).getLong(0);
            long low = java.nio.ByteBuffer.wrap(point).getLong(8);
            assertThat(FlowDocuments.encode(high, low)).isEqualTo(point);
        }
    }

    /** Dotted quads, most valid, some with leading zeros, big octets, missing or extra parts, or junk. */
    @Provide
    Arbitrary<String> quads() {
        Arbitrary<String> octet = Arbitraries.oneOf(Arbitraries.integers().between(0, 255).map(String::valueOf),
                Arbitraries.integers().between(0, 999).map(String::valueOf), Arbitraries.of("00", "01", "007", "", "x", "-1", " 1"));
        return Arbitraries.oneOf(octet.list().ofMinSize(4).ofMaxSize(4).map(parts -> String.join(".", parts)),
                octet.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join(".", parts)),
                Arbitraries.of("::1", "fe80::1", "2001:db8::8", "::ffff:10.0.0.1", "1.2.3.4.", ".1.2.3.4", "1..2.3", "example.org"));
    }
}
