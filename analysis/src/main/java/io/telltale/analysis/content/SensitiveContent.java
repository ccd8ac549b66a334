package io.telltale.analysis.content;

import java.util.EnumSet;
import java.util.Set;

/** The signatures for callers outside the flow scan: data put back together from DNS names, for one. */
public final class SensitiveContent {

    private SensitiveContent() {
    }

    /** The kinds of sensitive data that lie wholly in {@code b[from, to)}. */
    public static Set<SensitiveKind> find(byte[] b, int from, int to) {
        Set<SensitiveKind> found = EnumSet.noneOf(SensitiveKind.class);
        ContentSignatures.scan(b, from, to, (kind, data, offset, length) -> found.add(kind));
        return found;
    }
}
