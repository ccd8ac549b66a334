package io.telltale.analysis.dissect.dicom;

/**
 * Reads the two elements we log from a DIMSE command set, which is always Implicit VR Little Endian
 * (PS3.7 6.3.1): Command Field (0000,0100) and Affected SOP Class UID (0000,0002).
 */
record DimseCommand(String name, String affectedSopClass) {

    static DimseCommand read(byte[] b, int length) {
        int commandField = -1;
        String affected = null;
        int at = 0;
        while (at + 8 <= length) {
            int group = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
            int element = (b[at + 2] & 0xff) | ((b[at + 3] & 0xff) << 8);
            long valueLength = (b[at + 4] & 0xffL) | ((b[at + 5] & 0xffL) << 8) | ((b[at + 6] & 0xffL) << 16)
                    | ((b[at + 7] & 0xffL) << 24);
            int value = at + 8;
            if (group != 0 || value + valueLength > length) {
                break;
            }
            if (element == 0x0100 && valueLength == 2) {
                commandField = (b[value] & 0xff) | ((b[value + 1] & 0xff) << 8);
            } else if (element == 0x0002) {
                affected = Association.uid(b, value, (int) valueLength);
            }
            at = value + (int) valueLength;
        }
        return new DimseCommand(commandName(commandField), affected);
    }

    /** PS3.7 Annex E: requests have bit 15 clear, responses set. */
    static String commandName(int field) {
        if (field < 0) {
            return null;
        }
        String base = switch (field & 0x7fff) {
            case 0x0001 -> "C-STORE";
            case 0x0010 -> "C-GET";
            case 0x0020 -> "C-FIND";
            case 0x0021 -> "C-MOVE";
            case 0x0030 -> "C-ECHO";
            case 0x0100 -> "N-EVENT-REPORT";
            case 0x0110 -> "N-GET";
            case 0x0120 -> "N-SET";
            case 0x0130 -> "N-ACTION";
            case 0x0140 -> "N-CREATE";
            case 0x0150 -> "N-DELETE";
            case 0x0fff -> "C-CANCEL";
            default -> null;
        };
        if (base == null) {
            return String.format("0x%04x", field);
        }
        return base + ((field & 0x8000) != 0 ? "-RSP" : "-RQ");
    }
}
