package io.telltale.signatures.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The address and port variables rules use ({@code $HOME_NET}, {@code $HTTP_PORTS}), as Suricata's
 * {@code vars:} section defines them. The defaults are suricata.yaml's; a site overrides them with a
 * file of the same shape ({@code vars: {address-groups: {...}, port-groups: {...}}}), whose values
 * are parsed as rule header fields and may name other variables.
 */
public record RuleVariables(Map<String, String> addresses, Map<String, String> ports) {

    public RuleVariables {
        addresses = Map.copyOf(addresses);
        ports = Map.copyOf(ports);
    }

    /** suricata.yaml's defaults. */
    public static RuleVariables defaults() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
        a.put("EXTERNAL_NET", "!$HOME_NET");
        for (String server : new String[] {"HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS", "TELNET_SERVERS",
            "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT", "MODBUS_CLIENT", "MODBUS_SERVER", "ENIP_CLIENT", "ENIP_SERVER"}) {
            a.put(server, "$HOME_NET");
        }
        a.put("AIM_SERVERS", "$EXTERNAL_NET");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("HTTP_PORTS", "80");
        p.put("SHELLCODE_PORTS", "!80");
        p.put("ORACLE_PORTS", "1521");
        p.put("SSH_PORTS", "22");
        p.put("DNP3_PORTS", "20000");
        p.put("MODBUS_PORTS", "502");
        p.put("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]");
        p.put("FTP_PORTS", "21");
        p.put("GENEVE_PORTS", "6081");
        p.put("VXLAN_PORTS", "4789");
        p.put("TEREDO_PORTS", "3544");
        return new RuleVariables(a, p);
    }

    /** The defaults with a YAML file's {@code vars} laid over them. */
    public static RuleVariables defaultsWith(String yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode vars = root == null ? null : root.path("vars");
        RuleVariables d = defaults();
        if (vars == null || vars.isMissingNode()) {
            throw new IOException("the file has no 'vars:' section");
        }
        Map<String, String> a = new LinkedHashMap<>(d.addresses());
        Map<String, String> p = new LinkedHashMap<>(d.ports());
        vars.path("address-groups").properties().forEach(e -> a.put(e.getKey(), e.getValue().asText()));
        vars.path("port-groups").properties().forEach(e -> p.put(e.getKey(), e.getValue().asText()));
        return new RuleVariables(a, p);
    }
}
