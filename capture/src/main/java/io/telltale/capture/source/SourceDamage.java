package io.telltale.capture.source;

/**
 * Why a source stopped before the end of its input, and where.
 *
 * @param source the file or interface
 * @param byteOffset offset of the damaged record or block in the file, or -1 when not file-based
 * @param packetNumber 1-based number of the packet that could not be read
 * @param reason what was wrong, in words an operator understands
 */
public record SourceDamage(String source, long byteOffset, long packetNumber, String reason) {

    /** One line for logs and summaries: {@code file.pcap: byte 4242 (packet 17): reason}. */
    public String describe() {
        String where = byteOffset >= 0 ? "byte " + byteOffset + " (packet " + packetNumber + ")" : "packet " + packetNumber;
        return source + ": " + where + ": " + reason;
    }
}
