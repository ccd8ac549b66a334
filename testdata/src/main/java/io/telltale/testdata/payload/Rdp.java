package io.telltale.testdata.payload;

/**
 * The clear start of an RDP connection ([MS-RDPBCGR] 2.2.1.1–2): TPKT and X.224 Connection Request
 * with the {@code mstshash} cookie and a request for TLS, and the server's Connection Confirm
 * choosing TLS. Everything after is TLS.
 */
public final class Rdp {

    private Rdp() {
    }

    public static byte[] connectionRequest(String user) {
        byte[] cookie = Bytes.text("Cookie: mstshash=" + user + "\r\n");
        byte[] negotiation = {1, 0, 8, 0, 3, 0, 0, 0}; // RDP_NEG_REQ: TLS | CredSSP
        int x224Length = 6 + cookie.length + negotiation.length;
        return new Bytes().u8(3).u8(0).u16(4 + 1 + x224Length).u8(x224Length).u8(0xe0).u16(0).u16(0).u8(0).put(cookie)
                .put(negotiation).bytes();
    }

    public static byte[] connectionConfirm() {
        byte[] negotiation = {2, 0x1f, 8, 0, 1, 0, 0, 0}; // RDP_NEG_RSP: TLS chosen
        int x224Length = 6 + negotiation.length;
        return new Bytes().u8(3).u8(0).u16(4 + 1 + x224Length).u8(x224Length).u8(0xd0).u16(0).u16(0x1234).u8(0)
                .put(negotiation).bytes();
    }
}
