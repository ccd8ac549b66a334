package io.telltale.analysis.content;

import java.util.Locale;

/** What was found, and how sure the match is (all are validated by structure or check digits). */
public enum SensitiveKind {
    /** ICAO 9303 machine-readable zone, TD1, TD2 or TD3, with at least three valid check digits. */
    MRZ("passport or ID machine-readable zone"),
    /** ISO/IEC 19794-2 or ANSI 378 finger minutiae record ({@code FMR\0}). */
    FINGERPRINT_TEMPLATE("fingerprint minutiae template"),
    /** ISO/IEC 19794-4 or ANSI 381 finger image record ({@code FIR\0}). */
    FINGERPRINT_IMAGE("fingerprint image record"),
    /** ISO/IEC 19794-5 face record ({@code FAC\0}). */
    FACE_IMAGE("face image record"),
    /** FBI WSQ compressed fingerprint image. */
    WSQ("WSQ fingerprint image"),
    /** DICOM Part 10 file ({@code DICM} and a group 0002 element). */
    DICOM_FILE("DICOM file"),
    /** A DICOS SOP class UID in a flow that is not a DICOM association. */
    DICOS_UID("DICOS object identifier"),
    /** EDIFACT passenger or cargo message (PAXLST, PNRGOV, CUSCAR, ...). */
    EDIFACT("EDIFACT passenger or cargo message"),
    /** IATA RP 1745 baggage source or processed message. */
    BAGGAGE_MESSAGE("IATA baggage message");

    private final String description;

    SensitiveKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** As written in logs and alerts ({@code fingerprint-template}). */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
