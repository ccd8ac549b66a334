package io.telltale.analysis.dissect.dicom;

import java.util.Map;

/**
 * Names of the SOP classes and transfer syntaxes an analyst meets on a screening network: the DICOS
 * classes (NEMA IIC 1, {@code ...501.x}) and the DICOM ones scanners and viewers commonly propose.
 */
public final class DicomUids {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.3.1.1.1", "DICOM Application Context"),
            Map.entry("1.2.840.10008.1.1", "Verification"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.1", "DICOS CT Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.2.1", "DICOS Digital X-Ray Image Storage - For Presentation"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.2.2", "DICOS Digital X-Ray Image Storage - For Processing"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.3", "DICOS Threat Detection Report Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.4", "DICOS 2D AIT Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.5", "DICOS 3D AIT Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.501.6", "DICOS Quadrupole Resonance Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.2", "CT Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.1.1", "Digital X-Ray Image Storage - For Presentation"),
            Map.entry("1.2.840.10008.5.1.4.1.1.1.1.1", "Digital X-Ray Image Storage - For Processing"),
            Map.entry("1.2.840.10008.5.1.4.1.1.7", "Secondary Capture Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.2.2.1", "Study Root Query/Retrieve - FIND"),
            Map.entry("1.2.840.10008.5.1.4.1.2.2.2", "Study Root Query/Retrieve - MOVE"),
            Map.entry("1.2.840.10008.5.1.4.1.2.2.3", "Study Root Query/Retrieve - GET"),
            Map.entry("1.2.840.10008.1.20.1", "Storage Commitment Push Model"),
            Map.entry("1.2.840.10008.1.2", "Implicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1", "Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    private DicomUids() {
    }

    /** The UID's name, or the UID itself when it is not one we know (a private class, say). */
    public static String name(String uid) {
        return NAMES.getOrDefault(uid, uid);
    }
}
