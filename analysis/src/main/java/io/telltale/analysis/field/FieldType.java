package io.telltale.analysis.field;

/** Value types of catalog fields. */
public enum FieldType {
    /** Free text from the wire (escaped wherever it is shown). */
    TEXT,
    /** A domain or host name. */
    NAME,
    /** An IPv4 or IPv6 address. */
    ADDRESS,
    /** An unsigned count or code. */
    COUNT,
    BOOLEAN,
    /** A duration in nanoseconds. */
    INTERVAL,
    /** A list of texts, names or addresses as text. */
    TEXT_LIST,
    /** A list of counts. */
    COUNT_LIST
}
