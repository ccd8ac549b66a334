package io.telltale.analysis.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressLiteralTest {

    @ParameterizedTest(name = "{0}: internet {1}, on-link {2}")
    @CsvSource({
        "8.8.8.8, true, false",
        "203.0.113.7, true, false",
        "10.1.2.3, false, false",
        "172.16.0.1, false, false",
        "192.168.1.20, false, false",
        "100.64.0.1, false, false",      // carrier-grade NAT (RFC 6598)
        "100.128.0.1, true, false",      // just past it
        "169.254.3.4, false, true",      // link-local
        "127.0.0.1, false, false",
        "0.0.0.0, false, false",
        "240.0.0.1, false, false",       // reserved
        "224.0.0.251, false, true",      // multicast (mDNS)
        "255.255.255.255, false, true",
        "192.168.1.255, false, true",    // a /24's broadcast
        "2001:4860:4860::8888, true, false",
        "fd00::1, false, false",         // unique local
        "fc12::1, false, false",
        "fe80::1, false, true",
        "ff02::fb, false, true",
        "::1, false, false",
    })
    void classifiesAddresses(String text, boolean internet, boolean onLink) {
        AddressLiteral literal = AddressLiteral.of(text);
        assertEquals(internet, literal.internet(), "internet");
        assertEquals(onLink, literal.onLink(), "on-link");
    }

    @Test
    void keepsTheAddressBytes() {
        assertArrayEquals(new byte[] {10, 20, 30, (byte) 200}, AddressLiteral.of("10.20.30.200").bytes());
        assertEquals(16, AddressLiteral.of("2001:db8::1").bytes().length);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"cafe.be", "", "10.1.2", "10.1.2.256", "1.2.3.4/24", "<script>"})
    void namesAndBrokenTextAreNoAddress(String text) {
        assertNull(AddressLiteral.of(text));
        assertNull(AddressLiteral.of(text), "asked twice: the remembered answer is the same");
    }

    @Test
    void asksOnceAndRemembers() {
        assertSame(AddressLiteral.of("198.51.100.9"), AddressLiteral.of(new String("198.51.100.9")));
    }

    @Test
    void aFloodOfAddressesDoesNotGrowTheMemoryWithoutBound() {
        for (int i = 0; i < AddressLiteral.CACHE_SIZE + 10; i++) {
            AddressLiteral.of("10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff));
        }
        assertEquals(false, AddressLiteral.of("10.0.0.1").internet(), "still answers after the wholesale clear");
        assertEquals(true, AddressLiteral.size() <= AddressLiteral.CACHE_SIZE);
    }
}
