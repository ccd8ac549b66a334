package io.telltale.capture.flow.tcp;

/**
 * The compact history string of a connection (Zeek's {@code history} field): one letter per kind of
 * event, upper case for the originator and lower case for the responder, each letter once, except
 * the scaled letters (retransmissions, zero windows, gaps, bad checksums) that repeat at 1, 10, 100 ...
 * occurrences. {@code ^} marks that the roles were flipped. Bounded; reused with the flow.
 */
public final class ConnectionHistory {

    public static final int SYN = 0x1;
    public static final int FIN = 0x2;
    public static final int RST = 0x4;
    public static final int FIN_RST = 0x8;
    public static final int DATA = 0x10;
    public static final int ACK = 0x20;
    public static final int MULTI_FLAG = 0x40;
    /** Bits for the responder are these shifted left by 16. */
    static final int RESPONDER_SHIFT = 16;
    static final int MAX_LENGTH = 48;

    private final byte[] letters = new byte[MAX_LENGTH];
    private int length;
    private int seen;

    public void reset() {
        length = 0;
        seen = 0;
    }

    /**
     * Adds {@code code} the first time the event {@code mask} happens.
     *
     * @return true when the event had been seen before (and nothing was added)
     */
    public boolean check(int mask, char code) {
        if ((seen & mask) != 0) {
            return true;
        }
        seen |= mask;
        add(code);
        return false;
    }

    /** Check for an event of one endpoint: the responder's mask is shifted and its letter lower-cased. */
    public boolean check(int mask, char code, boolean originator) {
        return originator ? check(mask, code) : check(mask << RESPONDER_SHIFT, Character.toLowerCase(code));
    }

    public void add(char code) {
        if (length < MAX_LENGTH) {
            letters[length++] = (byte) code;
        }
    }

    public int length() {
        return length;
    }

    public char charAt(int index) {
        return (char) letters[index];
    }

    /** Swaps the seen bits of originator and responder after a role flip. */
    void flipSeen() {
        seen = (seen >>> RESPONDER_SHIFT) | (seen << RESPONDER_SHIFT);
    }

    /** The history as text (allocates; used when a record is emitted). */
    public String text() {
        return new String(letters, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
