package io.telltale.signatures.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorReaderTest {

    static final long NOW = 1_800_000_000L * 1_000_000_000L; // 2027-01-15

    @Test
    void plainTextGuessesEachKindAndReadsItsDirectives() {
        IndicatorList l = IndicatorReader.read("vendor.txt", String.join("\n",
                "# name: vendor-c2",
                "# severity: high",
                "# expires: 2027-06-30",
                "203.0.113.45",
                "2001:DB8:0:0::1  # a comment after",
                "198.51.100.0/24",
                "*.vendor-telemetry.example.",
                "https://files.example/upload/",
                "e7d705a3286e19ea42f587b344ee6865",
                "t13d1516h2_8daaf6152771_02713d6af862",
                "AB:CD:" + "ef".repeat(30),
                "not an indicator!",
                ""), Severity.MEDIUM, Long.MAX_VALUE);
        assertThat(l.name()).isEqualTo("vendor-c2");
        assertThat(l.severity()).isEqualTo(Severity.HIGH);
        assertThat(l.expires()).isEqualTo(java.time.Instant.parse("2027-07-01T00:00:00Z").getEpochSecond() * 1_000_000_000L);
        assertThat(l.indicators()).extracting(i -> i.kind() + " " + i.value()).containsExactly(
                "IP 203.0.113.45", "IP 2001:db8::1", "CIDR 198.51.100.0/24", "DOMAIN vendor-telemetry.example",
                "URL files.example/upload/", "MD5_FINGERPRINT e7d705a3286e19ea42f587b344ee6865",
                "JA4 t13d1516h2_8daaf6152771_02713d6af862", "SHA256 abcd" + "ef".repeat(30));
        assertThat(l.problems()).containsExactly("vendor-c2:12: 'not an indicator!' is not an address, network, domain, URL or hash");
    }

    @Test
    void csvReadsTheIndicatorColumnItsTypeAndExpiry() {
        IndicatorList l = IndicatorReader.read("feed.csv", String.join("\n",
                "# severity: critical",
                "first_seen,indicator,type,expires",
                "2026-01-01,192.0.2.7,ip,2026-12-31",
                "2026-01-01,\"bad.example\",domain,",
                "2026-01-01,192.0.2.8,domain,"), Severity.MEDIUM, Long.MAX_VALUE);
        assertThat(l.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(l.indicators()).extracting(Indicator::value).containsExactly("192.0.2.7", "bad.example");
        assertThat(l.indicators().getFirst().validUntil()).isLessThan(NOW);
        assertThat(l.problems()).containsExactly("feed:5: '192.0.2.8' is not a domain");
    }

    @Test
    void stixBundlesGiveTheirSimpleIndicators() {
        String bundle = """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "indicator", "id": "indicator--a", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '203.0.113.9'] OR [domain-name:value = 'c2.example']"},
                  {"type": "indicator", "id": "indicator--b", "pattern_type": "stix", "valid_until": "2026-01-01T00:00:00Z",
                   "pattern": "[x509-certificate:hashes.'SHA-256' = '%s']"},
                  {"type": "indicator", "id": "indicator--c", "pattern_type": "stix", "revoked": true,
                   "pattern": "[ipv4-addr:value = '203.0.113.10']"},
                  {"type": "indicator", "id": "indicator--d", "pattern_type": "stix",
                   "pattern": "[file:hashes.MD5 = 'e7d705a3286e19ea42f587b344ee6865']"},
                  {"type": "indicator", "id": "indicator--e", "pattern_type": "sigma", "pattern": "title: x"},
                  {"type": "indicator", "id": "indicator--f", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '203.0.113.11' AND domain-name:value = 'x.example']"},
                  {"type": "malware", "id": "malware--1", "name": "x"}
                ]}""".formatted("aa".repeat(32));
        IndicatorList l = IndicatorReader.read("intel.json", bundle, Severity.HIGH, Long.MAX_VALUE);
        assertThat(l.indicators()).extracting(i -> i.kind() + " " + i.value()).containsExactly("IP 203.0.113.9",
                "DOMAIN c2.example", "SHA256 " + "aa".repeat(32));
        assertThat(l.indicators().get(2).validUntil()).isLessThan(NOW);
        assertThat(l.problems()).containsExactly(
                "intel: indicator--d: 'file:hashes.MD5' is not seen on the wire",
                "intel: indicator--e: pattern type sigma is not read",
                "intel: indicator--f: pattern '[ipv4-addr:value = '203.0.113.11' AND domain-name:value = 'x.example']' is more "
                        + "than comparisons joined by OR");
    }

    @Test
    void aManifestNamesListsWithTheirSettings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "192.0.2.1\n");
        Files.writeString(dir.resolve("lists.yaml"), "lists:\n  - {name: partners-never, file: a.txt, severity: low, expires: 2030-01-01}\n");
        List<IndicatorList> lists = IndicatorReader.read(dir.resolve("lists.yaml"));
        assertThat(lists).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo("partners-never");
            assertThat(l.severity()).isEqualTo(Severity.LOW);
            assertThat(l.indicators()).hasSize(1);
        });
    }

    @Test
    void theSetMatchesSubdomainsNetworksUrlsAndHashesUntilTheyExpire() {
        IndicatorList l = IndicatorReader.read("x.txt", String.join("\n", "evil.example", "10.1.0.0/16", "2001:db8:100::/40",
                "http://files.example/drop/", "E7D705A3286E19EA42F587B344EE6865"), Severity.HIGH, NOW + 1);
        IndicatorSet set = new IndicatorSet(List.of(l));
        assertThat(set.domain("a.b.EVIL.example.", NOW)).isNotNull();
        assertThat(set.domain("notevil.example", NOW)).isNull();
        assertThat(set.address("10.1.200.3", NOW)).isNotNull();
        assertThat(set.address("10.2.0.1", NOW)).isNull();
        assertThat(set.address("2001:db8:1ff:ffff::9", NOW)).isNotNull();
        assertThat(set.address("2001:db8:200::9", NOW)).isNull();
        assertThat(set.url("FILES.example", "/drop/x.bin", NOW)).isNotNull();
        assertThat(set.url("files.example", "/other", NOW)).isNull();
        assertThat(set.fingerprint("e7d705a3286e19ea42f587b344ee6865", NOW)).isNotNull();
        assertThat(set.domain("evil.example", NOW + 2)).as("the list expired").isNull();
    }
}
