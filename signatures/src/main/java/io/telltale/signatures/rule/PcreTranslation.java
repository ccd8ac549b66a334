package io.telltale.signatures.rule;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule's PCRE as a Java regex. Suricata matches bytes, so the regex runs over the buffer as
 * ISO-8859-1 text (one char per byte) and {@code i} folds ASCII only, as PCRE does without UTF.
 * What Java writes differently ({@code (?P<name>)}, {@code (?P=name)}) is rewritten; a construct
 * Java lacks, or a flag naming a buffer Telltale does not extract, makes the rule skipped.
 */
public final class PcreTranslation {

    /** Suricata's buffer flags and the sticky buffer each stands for. */
    public static final Map<Character, String> BUFFER_FLAGS = Map.ofEntries(
            Map.entry('U', "http.uri"), Map.entry('I', "http.uri.raw"), Map.entry('M', "http.method"),
            Map.entry('S', "http.stat_code"), Map.entry('V', "http.user_agent"), Map.entry('W', "http.host"),
            Map.entry('H', "http.header"), Map.entry('D', "http.header.raw"), Map.entry('C', "http.cookie"),
            Map.entry('P', "http.request_body"), Map.entry('Q', "file.data"), Map.entry('Y', "http.stat_msg"));

    private PcreTranslation() {
    }

    /** Why the regex cannot be honoured, or null when it can. */
    static String unsupported(String regex, String flags) {
        for (char f : flags.toCharArray()) {
            String buffer = BUFFER_FLAGS.get(f);
            if (buffer != null && !Keywords.BUFFERS.containsKey(buffer)) {
                return "buffer " + buffer + " is not extracted yet";
            }
            if (f == 'G' || f == 'K' || f == 'B') {
                return "pcre flag " + f + " is not supported";
            }
        }
        try {
            compile(regex, flags);
            return null;
        } catch (PatternSyntaxException e) {
            return "pcre has a construct Java's regex lacks";
        }
    }

    /** The compiled regex. */
    public static Pattern compile(String regex, String flags) {
        int java = 0;
        for (char f : flags.toCharArray()) {
            switch (f) {
                case 'i' -> java |= Pattern.CASE_INSENSITIVE;
                case 's' -> java |= Pattern.DOTALL;
                case 'm' -> java |= Pattern.MULTILINE;
                case 'x' -> java |= Pattern.COMMENTS;
                default -> {
                    // A (anchored) and E (dollar at the very end) are applied by the matcher; the rest name buffers
                }
            }
        }
        String translated = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=([A-Za-z0-9_]+)\\)", "\\\\k<$1>");
        if (flags.indexOf('A') >= 0) {
            translated = "\\G(?:" + translated + ")";
        }
        if (flags.indexOf('E') >= 0) {
            translated = "(?:" + translated + ")\\z";
        }
        return Pattern.compile(translated, java);
    }
}
