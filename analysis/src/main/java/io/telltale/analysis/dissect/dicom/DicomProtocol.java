package io.telltale.analysis.dissect.dicom;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

/**
 * DICOM upper layer, recognised by the requester's A-ASSOCIATE-RQ on any port (domain.md §1.2):
 * PDU type 1, a length that fits, protocol version 1, printable AE titles, then the application
 * context item.
 */
public final class DicomProtocol {

    public static final FieldSpec CALLING_AE = new FieldSpec("dicom.calling_ae", FieldType.TEXT, "the requester's AE title");
    public static final FieldSpec CALLED_AE = new FieldSpec("dicom.called_ae", FieldType.TEXT, "the AE title asked for");
    public static final FieldSpec ABSTRACT_SYNTAXES = new FieldSpec("dicom.abstract_syntaxes", FieldType.TEXT_LIST,
            "SOP class UIDs proposed");
    public static final FieldSpec DICOS = new FieldSpec("dicom.dicos", FieldType.BOOLEAN, "a DICOS (screening) SOP class was proposed");
    public static final FieldSpec USER_NAME = new FieldSpec("dicom.user_name", FieldType.TEXT, "user identity: the user name");
    public static final FieldSpec PASSCODE = new FieldSpec("dicom.passcode_in_cleartext", FieldType.BOOLEAN,
            "a passcode crossed unencrypted (the passcode itself is never kept)");
    public static final FieldSpec STORES = new FieldSpec("dicom.stores", FieldType.COUNT, "C-STORE requests: objects sent");
    public static final FieldSpec DATA_BYTES = new FieldSpec("dicom.orig_pdata_bytes", FieldType.COUNT,
            "P-DATA bytes from the requester");

    /** The DICOM application context name every association carries (PS3.7 A.2.1). */
    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    /** A request larger than this is not an A-ASSOCIATE-RQ anyone sends. */
    static final int MAX_ASSOCIATE_LENGTH = 64 * 1024;

    public static final ProtocolSpec SPEC = new ProtocolSpec("dicom", "dicom", true, false, false,
            Set.of(104, 11112, 2761, 4242), DicomProtocol::looksLikeAssociateRequest,
            List.of(CALLING_AE, CALLED_AE, ABSTRACT_SYNTAXES, DICOS, USER_NAME, PASSCODE, STORES, DATA_BYTES),
            () -> DicomSession::new);

    private DicomProtocol() {
    }

    static boolean looksLikeAssociateRequest(MemorySegment data, long offset, int length, boolean stream,
                                             boolean fromOriginator) {
        if (!stream || !fromOriginator || length < 74) {
            return false;
        }
        long pduLength = Integer.toUnsignedLong(data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN),
                offset + 2));
        if (data.get(ValueLayout.JAVA_BYTE, offset) != 1 || data.get(ValueLayout.JAVA_BYTE, offset + 1) != 0
                || pduLength < 68 || pduLength > MAX_ASSOCIATE_LENGTH
                || data.get(ValueLayout.JAVA_BYTE, offset + 6) != 0 || data.get(ValueLayout.JAVA_BYTE, offset + 7) != 1) {
            return false;
        }
        if (!aeTitle(data, offset + 10) || !aeTitle(data, offset + 26)) {
            return false;
        }
        return length < 75 || data.get(ValueLayout.JAVA_BYTE, offset + 74) == 0x10;
    }

    /** Sixteen printable ASCII characters, not all spaces (PS3.8 9.3.2). */
    private static boolean aeTitle(MemorySegment data, long at) {
        boolean blank = true;
        for (int i = 0; i < 16; i++) {
            byte b = data.get(ValueLayout.JAVA_BYTE, at + i);
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
            blank &= b == ' ';
        }
        return !blank;
    }
}
