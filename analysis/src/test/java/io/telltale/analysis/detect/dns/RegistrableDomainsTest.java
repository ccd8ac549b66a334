package io.telltale.analysis.detect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Registrable domains by the Public Suffix List, and hostile names answered without an exception. */
class RegistrableDomainsTest {

    @Test
    void thePublicSuffixListDecidesWhereTheRegistrablePartStarts() {
        assertThat(RegistrableDomains.of("a.b.tunnel.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(RegistrableDomains.of("x1.t.c2.example")).isEqualTo("c2.example");
        assertThat(RegistrableDomains.of("relay-1.net.anydesk.com.")).isEqualTo("anydesk.com");
        assertThat(RegistrableDomains.of("bucket.s3.amazonaws.com")).isEqualTo("bucket.s3.amazonaws.com");
        assertThat(RegistrableDomains.of("host.scan.airport.lan")).isEqualTo("airport.lan");
        assertThat(RegistrableDomains.of("localhost")).isNull();
    }

    @Test
    void namesGuavaRefusesFallBackToTheLastTwoLabels() {
        // dnscat2 from nDPI's capture: a numeric-looking last label, which Guava refuses with an exception
        assertThat(RegistrableDomains.of("dnscat.546b03f5.19e4d098dc8c618f8d81cfeb02")).isEqualTo("546b03f5.19e4d098dc8c618f8d81cfeb02");
        assertThat(RegistrableDomains.of("-bad-.example")).isEqualTo("-bad-.example");
        assertThat(RegistrableDomains.of("a\u0000b.evil\n.example")).isEqualTo("evil\n.example");
        assertThat(RegistrableDomains.of("x".repeat(300))).isNull();
        assertThat(RegistrableDomains.of("a..b")).isEqualTo(".b");
    }
}
