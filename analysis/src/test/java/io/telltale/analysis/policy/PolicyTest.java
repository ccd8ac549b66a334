package io.telltale.analysis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Time windows, groups by MAC prefix, maker and host name, reloading, countries, and mistakes named by line and column. */
class PolicyTest {

    static final String SITE = """
            site: test
            groups:
              scanners:
                cidr: [10.20.30.0/24]
              analogic:
                oui: ["00-1A-AA"]
              advantech:
                vendor: [advantech]
              xray-by-name:
                name: ["XR-*"]
              tip:
                cidr: [10.20.40.20/32]
            countries:
              never: [cn, ru]
            declarations:
              - id: tip-update
                from: tip
                to: scanners
                transport: tcp
                ports: [445]
                window: {days: [mon], from: "02:00", to: "03:00"}
              - id: night-backup
                from: scanners
                to: 10.20.40.30/32
                transport: tcp
                ports: [873]
                window: {from: "22:00", to: "02:00"}
              - id: vendor-by-name
                from: xray-by-name
                to: 192.0.2.80/32
                transport: tcp
                ports: [443]
            """;

    static long at(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void aDeclarationWithAWindowHoldsOnlyInsideIt() throws Exception {
        Policy p = PolicyLoader.parse("site.yaml", SITE);
        // 2026-03-02 is a Monday
        assertThat(p.declared("10.20.40.20", "10.20.30.11", "tcp", 445, null, at("2026-03-02T02:30:00Z"))).isTrue();
        assertThat(p.declared("10.20.40.20", "10.20.30.11", "tcp", 445, null, at("2026-03-02T03:00:00Z"))).isFalse();
        assertThat(p.declared("10.20.40.20", "10.20.30.11", "tcp", 445, null, at("2026-03-03T02:30:00Z"))).isFalse();
        // past midnight: Tuesday 01:00 belongs to Monday's window, which runs every day here
        assertThat(p.declared("10.20.30.11", "10.20.40.30", "tcp", 873, null, at("2026-03-03T01:00:00Z"))).isTrue();
        assertThat(p.declared("10.20.30.11", "10.20.40.30", "tcp", 873, null, at("2026-03-02T23:59:00Z"))).isTrue();
        assertThat(p.declared("10.20.30.11", "10.20.40.30", "tcp", 873, null, at("2026-03-02T12:00:00Z"))).isFalse();
    }

    @Test
    void groupsTakeInDevicesByMacPrefixMakerAndHostNameOnceTheInventoryKnowsThem() throws Exception {
        Policy p = PolicyLoader.parse("site.yaml", SITE);
        assertThat(p.groupsOf("10.99.0.7")).isEmpty();
        assertThat(p.declared("10.99.0.7", "192.0.2.80", "tcp", 443, null, 0)).isFalse();
        p.identify("10.99.0.7", new Policy.Identity("00:1a:aa:01:02:03", "Analogic Corp.", "xr-l7"));
        assertThat(p.groupsOf("10.99.0.7")).containsExactly("analogic", "xray-by-name");
        assertThat(p.declared("10.99.0.7", "192.0.2.80", "tcp", 443, null, 0)).isTrue();
        p.identify("10.99.0.8", new Policy.Identity("00:0b:ab:5c:12:02", "Advantech Technology (CHINA) Co., Ltd.", null));
        assertThat(p.groupsOf("10.99.0.8")).containsExactly("advantech");
    }

    @Test
    void aReloadedDocumentIsInForceAtOnceAndLearnedIdentitiesStay() throws Exception {
        Policy p = PolicyLoader.parse("site.yaml", SITE);
        p.identify("10.99.0.7", new Policy.Identity(null, null, "XR-L7"));
        assertThat(p.declared("10.99.0.7", "192.0.2.80", "tcp", 443, null, 0)).isTrue();
        p.replace(PolicyLoader.parseDocument("site.yaml", SITE.replace("192.0.2.80/32", "192.0.2.81/32")));
        assertThat(p.declared("10.99.0.7", "192.0.2.80", "tcp", 443, null, 0)).isFalse();
        assertThat(p.declared("10.99.0.7", "192.0.2.81", "tcp", 443, null, 0)).isTrue();
        assertThat(p.generation()).isEqualTo(1);
    }

    @Test
    void countriesAreNeverOrOnly() throws Exception {
        PolicyDocument.Countries never = PolicyLoader.parse("site.yaml", SITE).document().countries();
        assertThat(never.forbidden("CN")).isTrue();
        assertThat(never.forbidden("NL")).isFalse();
        assertThat(new PolicyDocument.Countries(null, java.util.List.of("nl")).forbidden("DE")).isTrue();
        assertThatThrownBy(() -> PolicyLoader.parse("c.yaml", "countries: {never: [CN], only: [NL]}\n"))
                .hasMessageContaining("c.yaml:1:").hasMessageContaining("not both");
    }

    @Test
    void mistakesInWindowsAndReportsAreNamedWithLineAndColumn() {
        assertThatThrownBy(() -> PolicyLoader.parse("w.yaml", SITE.replace("days: [mon]", "days: [moonday]")))
                .hasMessageContaining("w.yaml:21:").hasMessageContaining("\"moonday\" is not a weekday");
        assertThatThrownBy(() -> PolicyLoader.parse("w.yaml", SITE.replace("\"02:00\", to: \"03:00\"", "\"2am\", to: \"03:00\"")))
                .hasMessageContaining("\"2am\" is not a time of day");
        assertThatThrownBy(() -> PolicyLoader.parse("r.yaml", "declarations:\n  - id: x\n    report: loud\n"))
                .hasMessageContaining("r.yaml:").hasMessageContaining("report must be \"info\"");
    }
}
