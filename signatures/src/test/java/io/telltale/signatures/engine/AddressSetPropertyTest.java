package io.telltale.signatures.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A list of networks, searched by halves, says what trying each network in turn says. */
class AddressSetPropertyTest {

    @Provide
    Arbitrary<String> cidrs() {
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 32))
                .as((a, b, c, bits) -> "10." + a + "." + b + "." + c + "/" + bits);
        Arbitrary<String> v6 = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(0, 128)).as((a, b, bits) -> "2001:db8:" + a + "::" + Integer.toHexString(b) + "/" + bits);
        return Arbitraries.oneOf(v4, v6);
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255)).as((a, b, c) -> "10." + a + "." + b + "." + c);
        Arbitrary<String> v6 = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 65535))
                .as((a, b) -> "2001:db8:" + a + "::" + Integer.toHexString(b));
        return Arbitraries.oneOf(v4, v6);
    }

    @Provide
    Arbitrary<List<String>> lists() {
        return cidrs().list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 1000)
    void aTableOfNetworksAgreesWithTryingEach(@ForAll("lists") List<String> in, @ForAll("lists") List<String> out,
                                              @ForAll("addresses") String address) {
        List<AddressSet> positive = new ArrayList<>();
        in.forEach(c -> positive.add(AddressSet.Cidr.of(c)));
        List<AddressSet> negative = new ArrayList<>();
        out.subList(0, out.size() / 2).forEach(c -> negative.add(AddressSet.Cidr.of(c)));
        byte[] a = com.google.common.net.InetAddresses.forString(address).getAddress();
        boolean naive = positive.stream().anyMatch(p -> p.contains(a)) && negative.stream().noneMatch(n -> n.contains(a));
        assertThat(new AddressSet.Group(positive, negative).contains(a)).isEqualTo(naive);
    }
}
