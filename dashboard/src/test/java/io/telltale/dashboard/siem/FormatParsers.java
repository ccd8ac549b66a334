package io.telltale.dashboard.siem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receivers' parsers for CEF and LEEF, written from the specifications (not from our encoder), so
 * that a message "re-parses into the same fields" is checked by something that could disagree.
 */
final class FormatParsers {

    private FormatParsers() {
    }

    /** CEF: the seven header fields (unescaped) and the extension's keys and values. */
    record Cef(List<String> header, Map<String, String> extension) {
    }

    static Cef cef(String message) {
        int start = message.indexOf("CEF:");
        if (start < 0) {
            throw new IllegalArgumentException("no CEF in " + message);
        }
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = start;
        while (header.size() < 7) {
            char c = message.charAt(i++);
            if (c == '\\' && (message.charAt(i) == '|' || message.charAt(i) == '\\')) {
                field.append(message.charAt(i++));
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        String ext = message.substring(i);
        // a key is a word followed by an unescaped '=' at the start or after a space
        Pattern key = Pattern.compile("(?:^| )([A-Za-z0-9_.]+)=");
        Matcher m = key.matcher(ext);
        List<int[]> keys = new ArrayList<>();
        while (m.find()) {
            if (m.start(1) > 0 && escaped(ext, m.end() - 1)) {
                continue;
            }
            keys.add(new int[] {m.start(), m.start(1), m.end()});
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            int end = k + 1 < keys.size() ? keys.get(k + 1)[0] : ext.length();
            values.put(ext.substring(keys.get(k)[1], keys.get(k)[2] - 1), unescapeCef(ext.substring(keys.get(k)[2], end)));
        }
        return new Cef(header, values);
    }

    private static boolean escaped(String s, int at) {
        int slashes = 0;
        for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    private static String unescapeCef(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** LEEF 2.0: the header fields and the attributes split on the declared delimiter, percent-decoded. */
    record Leef(List<String> header, Map<String, String> attributes) {
    }

    static Leef leef(String message) {
        int start = message.indexOf("LEEF:2.0|");
        String[] parts = message.substring(start).split("\\|", 7);
        List<String> header = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            header.add(percentDecode(parts[i]));
        }
        String delimiter = parts[5];
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String pair : parts[6].split(Pattern.quote(delimiter))) {
            int eq = pair.indexOf('=');
            attributes.put(pair.substring(0, eq), percentDecode(pair.substring(eq + 1)));
        }
        return new Leef(header, attributes);
    }

    private static String percentDecode(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length() + 0 && i + 2 <= v.length() - 1) {
                b.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
