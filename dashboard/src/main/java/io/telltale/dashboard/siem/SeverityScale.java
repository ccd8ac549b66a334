package io.telltale.dashboard.siem;

/**
 * Our five severities on each receiver's scale (siem.md §2.6's table, extended to {@code low}):
 * syslog severity for PRI, CEF 0–10, LEEF {@code sev} 1–10, ECS {@code event.severity}, OCSF
 * {@code severity_id} and EVE's {@code alert.severity} (where 1 is the worst). An unknown severity
 * is treated as {@code medium}, never dropped.
 */
final class SeverityScale {

    private SeverityScale() {
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "info" -> 0;
            case "low" -> 1;
            case "high" -> 3;
            case "critical" -> 4;
            default -> 2;
        };
    }

    /** 6 informational, 5 notice, 4 warning, 3 error, 2 critical. */
    static int syslog(String severity) {
        return 6 - rank(severity);
    }

    static int cef(String severity) {
        return new int[] {2, 3, 5, 8, 10}[rank(severity)];
    }

    /** LEEF's {@code sev} is 1–10 on the same steps as CEF. */
    static int leef(String severity) {
        return cef(severity);
    }

    static int ecs(String severity) {
        return new int[] {2, 3, 5, 8, 10}[rank(severity)];
    }

    /** OCSF: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int ocsf(String severity) {
        return rank(severity) + 1;
    }

    static String ocsfName(String severity) {
        return new String[] {"Informational", "Low", "Medium", "High", "Critical"}[rank(severity)];
    }

    /** EVE: 1 high, 2 medium, 3 low. */
    static int eve(String severity) {
        return new int[] {3, 3, 2, 1, 1}[rank(severity)];
    }

    /** The rank, 0 (info) to 4 (critical), for minimum-severity filters. */
    static int order(String severity) {
        return rank(severity);
    }
}
