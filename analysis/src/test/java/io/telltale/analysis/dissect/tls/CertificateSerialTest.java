package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A serial as OpenSSL, Zeek and Arkime print it: lower-case hex of the number, padded to an even
 * number of digits. The fast path for positive serials must print what BigInteger's radix
 * conversion does.
 */
class CertificateSerialTest {

    @Property(tries = 2000)
    void printsWhatTheRadixConversionPrints(@ForAll @Size(min = 1, max = 24) byte[] bytes) {
        BigInteger serial = new BigInteger(bytes);
        String hex = serial.toString(16);
        assertThat(Certificates.serial(serial)).isEqualTo(hex.length() % 2 == 0 ? hex : "0" + hex);
    }

    @Test
    void leadingZeroBytesAndSmallNumbers() {
        assertThat(Certificates.serial(new BigInteger(1, new byte[] {0, 0, (byte) 0xff}))).isEqualTo("ff");
        assertThat(Certificates.serial(BigInteger.valueOf(0xabc))).isEqualTo("0abc");
        assertThat(Certificates.serial(BigInteger.ONE)).isEqualTo("01");
        assertThat(Certificates.serial(BigInteger.ZERO)).isEqualTo("00");
        assertThat(Certificates.serial(BigInteger.valueOf(-1))).isEqualTo("-1"); // negative (invalid, but seen): as before
    }
}
