package io.telltale.analysis.dissect.dicom;

import io.telltale.analysis.dissect.Lists;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one association's control PDUs say, read from their bodies (PS3.8 9.3.2-9.3.4 and Annex D).
 * Every item walk is bounded by the body it is in; what does not fit is counted as malformed.
 */
final class Association {

    static final int MAX_LISTED = 128;

    String callingAe;
    String calledAe;
    String applicationContext;
    final List<String> abstractSyntaxes = new ArrayList<>();
    final List<String> transferSyntaxes = new ArrayList<>();
    String implementationClassUid;
    String implementationVersion;
    String responderImplementationClassUid;
    String responderImplementationVersion;
    long maxPduLength = -1;
    String result;
    int rejectResult = -1;
    int rejectSource = -1;
    int rejectReason = -1;
    int acceptedContexts;
    int userIdentityType = -1;
    String userName;
    boolean passcodeInCleartext;
    long anomalies;

    /** A-ASSOCIATE-RQ body: AE titles at 4 and 20, items from 68. */
    void request(byte[] body, int length) {
        if (length < 68) {
            anomalies++;
            return;
        }
        calledAe = text(body, 4, 16).strip();
        callingAe = text(body, 20, 16).strip();
        items(body, 68, length, true);
    }

    /** A-ASSOCIATE-AC body: the same layout; its presentation contexts say what was accepted. */
    void accept(byte[] body, int length) {
        result = "accepted";
        if (length < 68) {
            anomalies++;
            return;
        }
        items(body, 68, length, false);
    }

    /** A-ASSOCIATE-RJ body: reserved, result, source, reason. */
    void reject(byte[] body, int length) {
        result = "rejected";
        if (length < 4) {
            anomalies++;
            return;
        }
        rejectResult = body[1] & 0xff;
        rejectSource = body[2] & 0xff;
        rejectReason = body[3] & 0xff;
    }

    /** What to do with one item: its type, and where its value lies. */
    private interface ItemReader {
        void read(int type, int value, int length);
    }

    /**
     * Walks the items of {@code b[from, to)}: type, reserved, 2-byte length, value (PS3.8 9.3.2). An
     * item running past the end stops the walk and is counted.
     */
    private void walk(byte[] b, int from, int to, ItemReader reader) {
        int at = from;
        while (at + 4 <= to) {
            int type = b[at] & 0xff;
            int length = u16(b, at + 2);
            int value = at + 4;
            if (value + length > to) {
                anomalies++;
                return;
            }
            reader.read(type, value, length);
            at = value + length;
        }
    }

    private void items(byte[] b, int from, int to, boolean request) {
        walk(b, from, to, (type, value, length) -> {
            switch (type) {
                case 0x10 -> applicationContext = uid(b, value, length);
                case 0x20 -> proposedContext(b, value, value + length);
                case 0x21 -> acceptedContext(b, value, value + length);
                case 0x50 -> userInformation(b, value, value + length, request);
                default -> anomalies++;
            }
        });
    }

    /** Presentation context (RQ): id, 3 reserved, then one abstract syntax and transfer syntaxes. */
    private void proposedContext(byte[] b, int from, int to) {
        walk(b, from + 4, to, (type, value, length) -> {
            String uid = uid(b, value, length);
            if (type == 0x30) {
                Lists.addOnce(abstractSyntaxes, uid, MAX_LISTED);
            } else if (type == 0x40) {
                Lists.addOnce(transferSyntaxes, uid, MAX_LISTED);
            } else {
                anomalies++;
            }
        });
    }

    /** Presentation context (AC): id, reserved, result (0 = acceptance), reserved, transfer syntax. */
    private void acceptedContext(byte[] b, int from, int to) {
        if (to - from >= 4 && b[from + 2] == 0) {
            acceptedContexts++;
        }
    }

    private void userInformation(byte[] b, int from, int to, boolean request) {
        walk(b, from, to, (type, value, length) -> {
            switch (type) {
                case 0x51 -> {
                    if (request && length == 4) {
                        maxPduLength = ((b[value] & 0xffL) << 24) | ((b[value + 1] & 0xff) << 16)
                                | ((b[value + 2] & 0xff) << 8) | (b[value + 3] & 0xff);
                    }
                }
                case 0x52 -> {
                    if (request) {
                        implementationClassUid = uid(b, value, length);
                    } else {
                        responderImplementationClassUid = uid(b, value, length);
                    }
                }
                case 0x55 -> {
                    if (request) {
                        implementationVersion = text(b, value, length).strip();
                    } else {
                        responderImplementationVersion = text(b, value, length).strip();
                    }
                }
                case 0x58 -> userIdentity(b, value, value + length);
                default -> {
                    // async operations, role selection, extended negotiation: not needed here
                }
            }
        });
    }

    /**
     * User identity negotiation (PS3.7 D.3.3.7): type, response requested, primary field, secondary
     * field. Only a user name (types 1 and 2) is kept; the passcode is noted, never copied.
     */
    private void userIdentity(byte[] b, int from, int to) {
        if (to - from < 4) {
            anomalies++;
            return;
        }
        userIdentityType = b[from] & 0xff;
        int primaryLength = u16(b, from + 2);
        int primary = from + 4;
        if (primary + primaryLength > to) {
            anomalies++;
            return;
        }
        if (userIdentityType == 1 || userIdentityType == 2) {
            userName = new String(b, primary, primaryLength, StandardCharsets.UTF_8);
        }
        int secondary = primary + primaryLength;
        if (userIdentityType == 2 && secondary + 2 <= to) {
            passcodeInCleartext = u16(b, secondary) > 0;
        }
    }


    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /** A UID value: ASCII, padded to even length with a NUL (PS3.5 9.1). */
    static String uid(byte[] b, int at, int length) {
        int end = at + length;
        while (end > at && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return text(b, at, end - at);
    }

    static String text(byte[] b, int at, int length) {
        return new String(b, at, length, StandardCharsets.ISO_8859_1);
    }
}
