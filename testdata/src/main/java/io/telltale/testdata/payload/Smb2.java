package io.telltale.testdata.payload;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * SMB 3.0.2 messages ([MS-SMB2] 2.2) in Direct TCP framing, enough for a client to log in, connect a
 * share, write a file and leave. A session keeps the message ids, session and tree ids that tie
 * requests to replies.
 */
public final class Smb2 {

    static final int NEGOTIATE = 0;
    static final int SESSION_SETUP = 1;
    static final int LOGOFF = 2;
    static final int TREE_CONNECT = 3;
    static final int TREE_DISCONNECT = 4;
    static final int CREATE = 5;
    static final int CLOSE = 6;
    static final int WRITE = 9;
    static final long MORE_PROCESSING = 0xC0000016L;

    private final Random random;
    private final long sessionId;
    private final byte[] fileId;
    private long messageId;
    private int treeId;
    private long session;

    public Smb2(Random random) {
        this.random = random;
        this.sessionId = 0x0000_4000_0000_0000L | (random.nextLong() & 0xffff_ffffL);
        this.fileId = Bytes.random(random, 16);
    }

    public byte[] negotiateRequest() {
        Bytes body = new Bytes().le16(36).le16(4).le16(1).le16(0).le32(0x7f).put(Bytes.random(random, 16)).le64(0)
                .le16(0x0202).le16(0x0210).le16(0x0300).le16(0x0302);
        return request(NEGOTIATE, body.bytes());
    }

    public byte[] negotiateResponse(long fileTime) {
        Bytes body = new Bytes().le16(65).le16(1).le16(0x0302).le16(0).put(Bytes.random(random, 16)).le32(0x2f).le32(8_388_608)
                .le32(8_388_608).le32(8_388_608).le64(fileTime).le64(0).le16(0x80).le16(0).le32(0);
        return response(NEGOTIATE, 0, body.bytes());
    }

    /** A session-setup request carrying an NTLMSSP message as its security blob. */
    public byte[] sessionSetupRequest(byte[] blob) {
        Bytes body = new Bytes().le16(25).u8(0).u8(1).le32(1).le32(0).le16(64 + 24).le16(blob.length).le64(0).put(blob);
        return request(SESSION_SETUP, body.bytes());
    }

    public byte[] sessionSetupResponse(byte[] blob, boolean more) {
        session = sessionId;
        Bytes body = new Bytes().le16(9).le16(0).le16(64 + 8).le16(blob.length).put(blob);
        return response(SESSION_SETUP, more ? MORE_PROCESSING : 0, body.bytes());
    }

    public byte[] treeConnectRequest(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_16LE);
        return request(TREE_CONNECT, new Bytes().le16(9).le16(0).le16(64 + 8).le16(p.length).put(p).bytes());
    }

    public byte[] treeConnectResponse() {
        treeId = 1 + random.nextInt(0xfff);
        return response(TREE_CONNECT, 0, new Bytes().le16(16).u8(1).u8(0).le32(0).le32(0).le32(0x001f01ff).bytes());
    }

    public byte[] createRequest(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        Bytes body = new Bytes().le16(57).u8(0).u8(0).le32(2).le64(0).le64(0).le32(0x0012019f).le32(0x80).le32(1).le32(5)
                .le32(0x40).le16(64 + 56).le16(n.length).le32(0).le32(0).put(n);
        return request(CREATE, body.bytes());
    }

    public byte[] createResponse(long fileTime) {
        Bytes body = new Bytes().le16(89).u8(0).u8(0).le32(2).le64(fileTime).le64(fileTime).le64(fileTime).le64(fileTime).le64(0)
                .le64(0).le32(0x80).le32(0).put(fileId).le32(0).le32(0).u8(0);
        return response(CREATE, 0, body.bytes());
    }

    public byte[] writeRequest(long offset, byte[] data) {
        Bytes body = new Bytes().le16(49).le16(64 + 48).le32(data.length).le64(offset).put(fileId).le32(0).le32(0).le16(0).le16(0)
                .le32(0).put(data);
        return request(WRITE, body.bytes());
    }

    public byte[] writeResponse(int count) {
        return response(WRITE, 0, new Bytes().le16(17).le16(0).le32(count).le32(0).le16(0).le16(0).bytes());
    }

    public byte[] closeRequest() {
        return request(CLOSE, new Bytes().le16(24).le16(0).le32(0).put(fileId).bytes());
    }

    public byte[] closeResponse() {
        return response(CLOSE, 0, new Bytes().le16(60).le16(0).le32(0).zeros(48).le32(0).bytes());
    }

    public byte[] treeDisconnectRequest() {
        return request(TREE_DISCONNECT, new Bytes().le16(4).le16(0).bytes());
    }

    public byte[] treeDisconnectResponse() {
        return response(TREE_DISCONNECT, 0, new Bytes().le16(4).le16(0).bytes());
    }

    public byte[] logoffRequest() {
        return request(LOGOFF, new Bytes().le16(4).le16(0).bytes());
    }

    public byte[] logoffResponse() {
        return response(LOGOFF, 0, new Bytes().le16(4).le16(0).bytes());
    }

    private byte[] request(int command, byte[] body) {
        return frame(header(command, 0, false, messageId++), body);
    }

    private byte[] response(int command, long status, byte[] body) {
        return frame(header(command, status, true, messageId - 1), body);
    }

    private byte[] header(int command, long status, boolean response, long id) {
        return new Bytes().u8(0xfe).ascii("SMB").le16(64).le16(1).le32(status).le16(command).le16(response ? 1 : 31)
                .le32(response ? 1 : 0).le32(0).le64(id).le32(0xfeff).le32(command == TREE_CONNECT && !response ? 0 : treeId)
                .le64(command == NEGOTIATE ? 0 : session == 0 && !response ? 0 : sessionId).zeros(16).bytes();
    }

    static byte[] frame(byte[] header, byte[] body) {
        int length = header.length + body.length;
        return new Bytes().u8(0).u24(length).put(header).put(body).bytes();
    }
}
