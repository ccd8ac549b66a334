package io.telltale.testdata.payload;

/**
 * The on-link chatter of an unhardened Windows host: ARP, NetBIOS name service (RFC 1002), LLMNR
 * (RFC 4795) and mDNS (RFC 6762) questions, and SSDP M-SEARCH (UPnP 1.1).
 */
public final class Discovery {

    private Discovery() {
    }

    /** An ARP request or reply (RFC 826), as the Ethernet payload. */
    public static byte[] arp(boolean reply, byte[] senderMac, byte[] senderIp, byte[] targetMac, byte[] targetIp) {
        return new Bytes().u16(1).u16(0x0800).u8(6).u8(4).u16(reply ? 2 : 1).put(senderMac).put(senderIp).put(targetMac)
                .put(targetIp).bytes();
    }

    /** A NetBIOS name query for {@code name} (type 0x20, file server), broadcast. */
    public static byte[] netbiosQuery(int id, String name) {
        return new Bytes().u16(id).u16(0x0110).u16(1).u16(0).u16(0).u16(0).put(netbiosName(name, 0x20)).u16(0x20).u16(1)
                .bytes();
    }

    /** First-level encoding (RFC 1001 §14.1): 16 bytes padded with spaces, each nibble + 'A'. */
    static byte[] netbiosName(String name, int suffix) {
        String padded = String.format("%-15s", name.toUpperCase(java.util.Locale.ROOT));
        Bytes b = new Bytes().u8(32);
        for (int i = 0; i < 16; i++) {
            int c = i == 15 ? suffix : padded.charAt(i);
            b.u8('A' + (c >> 4)).u8('A' + (c & 0xf));
        }
        return b.u8(0).bytes();
    }

    /** An LLMNR or mDNS question: DNS format, no recursion. */
    public static byte[] multicastQuestion(int id, String name, int type) {
        return new Bytes().u16(id).u16(0).u16(1).u16(0).u16(0).u16(0).put(Dns.encodeName(name)).u16(type).u16(1).bytes();
    }

    public static byte[] ssdpSearch() {
        return Bytes.text("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
                + "ST: urn:dial-multiscreen-org:service:dial:1\r\nUSER-AGENT: Microsoft Edge/119.0.2151.58 Windows\r\n\r\n");
    }
}
