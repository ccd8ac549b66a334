package io.telltale.dashboard.output;

/** Zeek's names for DNS codes (its {@code DNS::query_types}, {@code classes} and {@code rcodes} tables). */
final class DnsNamesText {

    private DnsNamesText() {
    }

    static String qtype(int type) {
        return switch (type) {
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 32 -> "NIMLOC";
            case 33 -> "SRV";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 41 -> "OPT";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 253 -> "MAILB";
            case 254 -> "MAILA";
            case 255 -> "*";
            case 256 -> "URI";
            case 257 -> "CAA";
            default -> "query-" + type;
        };
    }

    static String qclass(int qclass) {
        return switch (qclass) {
            case 1 -> "C_INTERNET";
            case 2 -> "C_CSNET";
            case 3 -> "C_CHAOS";
            case 4 -> "C_HESIOD";
            case 254 -> "C_NONE";
            case 255 -> "C_ANY";
            case 0x8001 -> "C_INTERNET (QU=1)";
            default -> "qclass-" + qclass;
        };
    }

    static String rcode(int rcode) {
        return switch (rcode) {
            case 0 -> "NOERROR";
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            case 6 -> "YXDOMAIN";
            case 7 -> "YXRRSET";
            case 8 -> "NXRRSET";
            case 9 -> "NOTAUTH";
            case 10 -> "NOTZONE";
            case 16 -> "BADVERS";
            default -> "unknown-" + rcode;
        };
    }
}
