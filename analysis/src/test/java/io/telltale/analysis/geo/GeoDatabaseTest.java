package io.telltale.analysis.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bundled databases place well-known resolvers, and nothing private or made up. */
class GeoDatabaseTest {

    static final GeoDatabase GEO = GeoDatabase.bundled();

    @Test
    void wellKnownAddressesHaveTheirCountryAndAs() {
        GeoDatabase.Location google = GEO.locate("8.8.8.8");
        assertThat(google.country()).isEqualTo("US");
        assertThat(google.asn()).isEqualTo(15169);
        assertThat(google.organisation()).containsIgnoringCase("google");
        assertThat(GEO.locate("2001:4860:4860::8888").asn()).isEqualTo(15169);
        assertThat(GEO.locate("1.1.1.1").asn()).isEqualTo(13335);
        assertThat(GEO.locate("9.9.9.9").asn()).isEqualTo(19281); // Quad9
    }

    @Test
    void privateDocumentationAndNonAddressesAreUnknownWithoutALookup() {
        for (String a : new String[]{"10.20.30.11", "192.0.2.80", "203.0.113.45", "fe80::1", "cafe.be", "", null}) {
            assertThat(GEO.locate(a).known()).as(a).isFalse();
        }
    }
}
