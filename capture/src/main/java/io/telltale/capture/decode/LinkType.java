package io.telltale.capture.decode;

/** The libpcap LINKTYPE numbers Telltale decodes (https://www.tcpdump.org/linktypes.html). */
public final class LinkType {

    public static final int NULL = 0;
    public static final int EN10MB = 1;
    /** DLT_RAW as OpenBSD and some others number it in files. */
    public static final int RAW_OPENBSD = 14;
    public static final int RAW_BSD = 12;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** The name libpcap gives the link type, for summaries. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case EN10MB -> "EN10MB";
            case RAW, RAW_BSD, RAW_OPENBSD -> "RAW";
            case LOOP -> "LOOP";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + linkType;
        };
    }
}
