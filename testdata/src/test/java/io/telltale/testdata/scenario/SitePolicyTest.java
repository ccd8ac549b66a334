package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The site's declaration and the scenarios' labels agree: every normal scenario's conversation is
 * declared for its device, and no malicious scenario's remote end is.
 */
class SitePolicyTest {

    static JsonNode policy() throws IOException {
        try (InputStream in = Truth.class.getResourceAsStream("/io/telltale/testdata/scenario/site-policy.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void normalTrafficIsDeclaredAndAttacksAreNot() throws IOException {
        JsonNode policy = policy();
        int normal = 0;
        int malicious = 0;
        for (Scenario s : ScenarioCatalog.all()) {
            for (Truth t : GeneratedCaptures.of(s).truths()) {
                if (t.remote().address() == null) {
                    continue;
                }
                boolean declared = declared(policy, t.deviceAddress(), t.remote().address(), t.remote().transport(),
                        t.remote().port(), t.remote().domain());
                if (t.label().equals("normal")) {
                    normal++;
                    assertThat(declared).as("%s: %s -> %s is declared", t.scenario(), t.device(), t.remote()).isTrue();
                } else if (t.label().equals("malicious")) {
                    malicious++;
                    assertThat(declared).as("%s: %s -> %s is not declared", t.scenario(), t.device(), t.remote()).isFalse();
                }
            }
        }
        assertThat(normal).isGreaterThan(10);
        assertThat(malicious).as("malicious truths with a remote address").isEqualTo(27);
    }

    /** Declared when a declaration covers the addresses, transport and port, and the DNS name where it names some. */
    static boolean declared(JsonNode policy, String from, String to, String transport, int port, String name) {
        for (JsonNode d : policy.path("declarations")) {
            boolean portOk = false;
            for (JsonNode p : d.path("ports")) {
                portOk |= p.asInt() == port;
            }
            if (portOk && d.path("transport").asText().equals(transport) && inside(policy, from, d.path("from"))
                    && inside(policy, to, d.path("to")) && nameAllowed(d.path("dns_names"), name)) {
                return true;
            }
        }
        return false;
    }

    static boolean nameAllowed(JsonNode names, String name) {
        if (names.isMissingNode() || name == null) {
            return true;
        }
        for (JsonNode n : names) {
            String pattern = n.asText();
            if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an address is in a CIDR, a list of them, or a group's CIDRs. */
    static boolean inside(JsonNode policy, String address, JsonNode where) {
        List<String> cidrs = new ArrayList<>();
        if (where.isArray()) {
            where.forEach(w -> cidrs.add(w.asText()));
        } else if (policy.path("groups").has(where.asText())) {
            policy.path("groups").path(where.asText()).path("cidr").forEach(c -> cidrs.add(c.asText()));
        } else {
            cidrs.add(where.asText());
        }
        return cidrs.stream().anyMatch(c -> contains(c, address));
    }

    static boolean contains(String cidr, String address) {
        String[] parts = cidr.split("/");
        byte[] net = Site.address(parts[0]).getAddress();
        byte[] a = Site.address(address).getAddress();
        if (net.length != a.length) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (a[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void cidrContainmentIsRight() {
        assertThat(contains("10.20.30.0/24", "10.20.30.11")).isTrue();
        assertThat(contains("10.20.30.0/24", "10.20.31.11")).isFalse();
        assertThat(contains("10.20.40.10/32", "10.20.40.10")).isTrue();
        assertThat(InetAddress.getLoopbackAddress()).isNotNull();
    }
}
