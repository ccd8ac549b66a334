package io.telltale.testdata.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The DICOM upper layer (PS3.8 §9.3) and the DIMSE messages DICOS devices send (PS3.7 §9, commands in
 * Implicit VR Little Endian), with C-STORE datasets in Explicit VR Little Endian whose pixel data is
 * encapsulated (PS3.5 §A.4) in fragments of compressed-looking bytes.
 */
public final class Dicom {

    public static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String DICOS_CT = "1.2.840.10008.5.1.4.1.1.501.1";
    public static final String DICOS_DX = "1.2.840.10008.5.1.4.1.1.501.2.1";
    public static final String DICOS_DX_PROCESSING = "1.2.840.10008.5.1.4.1.1.501.2.2";
    public static final String DICOS_TDR = "1.2.840.10008.5.1.4.1.1.501.3";
    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    public static final String IMPLEMENTATION_CLASS = "1.2.826.0.1.3680043.9.7433.1.1";
    public static final int MAX_PDU = 16_384;

    /** A presentation context proposed: its id (odd), abstract syntax and transfer syntaxes. */
    public record Context(int id, String abstractSyntax, List<String> transferSyntaxes) {
    }

    /** User identity (PS3.7 §D.3.3.7): type 1 user name, 2 user name and passcode. */
    public record Identity(int type, String user, String passcode) {
    }

    private Dicom() {
    }

    public static byte[] associateRequest(String called, String calling, List<Context> contexts, Identity identity) {
        Bytes items = new Bytes().put(item(0x10, Bytes.text(APPLICATION_CONTEXT)));
        for (Context c : contexts) {
            Bytes pc = new Bytes().u8(c.id()).u8(0).u8(0).u8(0).put(item(0x30, Bytes.text(c.abstractSyntax())));
            for (String ts : c.transferSyntaxes()) {
                pc.put(item(0x40, Bytes.text(ts)));
            }
            items.put(item(0x20, pc.bytes()));
        }
        Bytes user = new Bytes().put(item(0x51, new Bytes().u32(MAX_PDU).bytes()))
                .put(item(0x52, Bytes.text(IMPLEMENTATION_CLASS))).put(item(0x55, Bytes.text("TELLTALE_GEN")));
        if (identity != null) {
            byte[] primary = Bytes.text(identity.user());
            byte[] secondary = identity.passcode() == null ? new byte[0] : Bytes.text(identity.passcode());
            user.put(item(0x58, new Bytes().u8(identity.type()).u8(0).u16(primary.length).put(primary).u16(secondary.length)
                    .put(secondary).bytes()));
        }
        items.put(item(0x50, user.bytes()));
        return pdu(0x01, new Bytes().u16(1).u16(0).put(ae(called)).put(ae(calling)).zeros(32).put(items.bytes()).bytes());
    }

    /** Accepts every proposed context with its first transfer syntax. */
    public static byte[] associateAccept(String called, String calling, List<Context> contexts) {
        Bytes items = new Bytes().put(item(0x10, Bytes.text(APPLICATION_CONTEXT)));
        for (Context c : contexts) {
            items.put(item(0x21, new Bytes().u8(c.id()).u8(0).u8(0).u8(0)
                    .put(item(0x40, Bytes.text(c.transferSyntaxes().getFirst()))).bytes()));
        }
        items.put(item(0x50, new Bytes().put(item(0x51, new Bytes().u32(MAX_PDU).bytes()))
                .put(item(0x52, Bytes.text(IMPLEMENTATION_CLASS))).bytes()));
        return pdu(0x02, new Bytes().u16(1).u16(0).put(ae(called)).put(ae(calling)).zeros(32).put(items.bytes()).bytes());
    }

    public static byte[] releaseRequest() {
        return pdu(0x05, new byte[4]);
    }

    public static byte[] releaseResponse() {
        return pdu(0x06, new byte[4]);
    }

    /** A DIMSE command in one P-DATA-TF (commands are small). */
    public static byte[] command(int contextId, byte[] command) {
        return pData(contextId, command, true, true);
    }

    public static byte[] echoRequest(int messageId) {
        return commandSet(new Bytes().put(ui(0x0002, VERIFICATION)).put(us(0x0100, 0x0030)).put(us(0x0110, messageId))
                .put(us(0x0800, 0x0101)).bytes());
    }

    public static byte[] echoResponse(int messageId) {
        return commandSet(new Bytes().put(ui(0x0002, VERIFICATION)).put(us(0x0100, 0x8030)).put(us(0x0120, messageId))
                .put(us(0x0800, 0x0101)).put(us(0x0900, 0)).bytes());
    }

    public static byte[] storeRequest(int messageId, String sopClass, String sopInstance) {
        return commandSet(new Bytes().put(ui(0x0002, sopClass)).put(us(0x0100, 0x0001)).put(us(0x0110, messageId))
                .put(us(0x0700, 0)).put(us(0x0800, 0x0000)).put(ui(0x1000, sopInstance)).bytes());
    }

    public static byte[] storeResponse(int messageId, String sopClass, String sopInstance) {
        return commandSet(new Bytes().put(ui(0x0002, sopClass)).put(us(0x0100, 0x8001)).put(us(0x0120, messageId))
                .put(us(0x0800, 0x0101)).put(us(0x0900, 0)).put(ui(0x1000, sopInstance)).bytes());
    }

    /**
     * A DICOS object of about {@code size} bytes, as the P-DATA-TF PDUs that carry it: a few
     * attributes, then encapsulated pixel data in fragments of at most 64 KiB.
     */
    public static List<byte[]> dataset(int contextId, String sopClass, String sopInstance, int size, Random random) {
        Bytes d = new Bytes().put(explicit(0x0008, 0x0016, "UI", uid(sopClass))).put(explicit(0x0008, 0x0018, "UI", uid(sopInstance)))
                .put(explicit(0x0008, 0x0060, "CS", Bytes.text("CT"))).put(explicitUs(0x0028, 0x0010, 512))
                .put(explicitUs(0x0028, 0x0011, 512));
        d.le16(0x7fe0).le16(0x0010).ascii("OB").u16(0).le32(0xffffffffL); // pixel data, undefined length
        d.le16(0xfffe).le16(0xe000).le32(0); // empty basic offset table
        int left = Math.max(2, size - d.size());
        while (left > 8) {
            int n = Math.min(65_536, left - 8) & ~1;
            if (n <= 0) {
                break;
            }
            d.le16(0xfffe).le16(0xe000).le32(n).put(Bytes.random(random, n));
            left -= n + 8;
        }
        d.le16(0xfffe).le16(0xe0dd).le32(0); // sequence delimiter
        byte[] all = d.bytes();
        List<byte[]> pdus = new ArrayList<>();
        int chunk = MAX_PDU - 6 - 6;
        for (int at = 0; at < all.length; at += chunk) {
            int n = Math.min(chunk, all.length - at);
            pdus.add(pData(contextId, java.util.Arrays.copyOfRange(all, at, at + n), false, at + n >= all.length));
        }
        return pdus;
    }

    static byte[] pData(int contextId, byte[] data, boolean command, boolean last) {
        int control = (command ? 1 : 0) | (last ? 2 : 0);
        return pdu(0x04, new Bytes().u32(data.length + 2).u8(contextId).u8(control).put(data).bytes());
    }

    static byte[] pdu(int type, byte[] body) {
        return new Bytes().u8(type).u8(0).u32(body.length).put(body).bytes();
    }

    static byte[] item(int type, byte[] body) {
        return new Bytes().u8(type).u8(0).u16(body.length).put(body).bytes();
    }

    static byte[] ae(String title) {
        return Bytes.text(String.format("%-16s", title));
    }

    /** A command set with its group length first. */
    static byte[] commandSet(byte[] elements) {
        return new Bytes().le16(0).le16(0).le32(4).le32(elements.length).put(elements).bytes();
    }

    static byte[] ui(int element, String uid) {
        byte[] v = uid(uid);
        return new Bytes().le16(0).le16(element).le32(v.length).put(v).bytes();
    }

    static byte[] us(int element, int value) {
        return new Bytes().le16(0).le16(element).le32(2).le16(value).bytes();
    }

    static byte[] uid(String uid) {
        byte[] u = Bytes.text(uid);
        return u.length % 2 == 0 ? u : Bytes.concat(u, new byte[1]);
    }

    static byte[] explicit(int group, int element, String vr, byte[] value) {
        byte[] v = value.length % 2 == 0 ? value : Bytes.concat(value, Bytes.text(" "));
        return new Bytes().le16(group).le16(element).ascii(vr).le16(v.length).put(v).bytes();
    }

    static byte[] explicitUs(int group, int element, int value) {
        return new Bytes().le16(group).le16(element).ascii("US").le16(2).le16(value).bytes();
    }
}
