package io.telltale.signatures.rule;

import com.google.common.net.InetAddresses;
import io.telltale.signatures.rule.RuleOption.Content;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Suricata rules. A file is read rule by rule: a line ending in a backslash continues on the
 * next, {@code #} starts a comment. Each rule ends up loaded, skipped (well formed, but asking for
 * something Telltale does not honour; the reason is kept) or in error (with the line and column of
 * the fault). The parser never stops at a bad rule.
 */
public final class RuleParser {

    private static final Set<String> FLOW_SETTINGS = Set.of("established", "not_established", "stateless", "to_server",
            "to_client", "from_server", "from_client", "only_stream", "no_stream", "only_frag", "no_frag");
    private static final Set<String> FLOWBITS_COMMANDS = Set.of("set", "unset", "isset", "isnotset", "toggle", "noalert");
    private static final Set<String> THRESHOLD_TYPES = Set.of("limit", "threshold", "both");
    private static final Set<String> TRACKS = Set.of("by_src", "by_dst", "by_rule", "by_both", "by_flow");
    private static final Set<String> COMPARES = Set.of("dsize", "ttl", "itype", "icode", "bsize", "urilen");
    /** Protocol names Suricata knows and Telltale does not dissect: their rules are skipped, not errors. */
    private static final Set<String> OTHER_PROTOCOLS = Set.of("ftp-data", "dcerpc", "sip", "krb5", "nfs", "snmp", "http2",
            "mqtt", "rdp", "rfb", "modbus", "dnp3", "enip", "ike", "ikev2", "tftp", "pgsql", "bittorrent-dht", "smb2",
            "imap", "pop3", "telnet", "ldap", "websocket", "doh2", "icmpv6", "ipv6", "sctp", "pkthdr", "template", "nntp",
            "tls13", "dhcpv6", "mdns", "ntlm", "irc", "vnc", "ssl");

    private RuleParser() {
    }

    /**
     * What rules are checked against: the variables they may name and the classtypes they may use.
     * Without it (tests, the printer's round trip) any name is taken.
     */
    public record Context(RuleVariables variables, Classifications classifications) {
        public static Context defaults() {
            return new Context(RuleVariables.defaults(), Classifications.bundled());
        }
    }

    /** Every rule of one file's text, any variable and classtype taken; {@code file} names it in errors. */
    public static RuleFile parse(String file, String text) {
        return parse(file, text, null);
    }

    /** Every rule of one file's text, checked against {@code context}; {@code file} names it in errors. */
    public static RuleFile parse(String file, String text, Context context) {
        List<LoadedRule> loaded = new ArrayList<>();
        List<SkippedRule> skipped = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            int first = i;
            StringBuilder joined = new StringBuilder();
            List<int[]> pieces = new ArrayList<>(); // {offset in joined, line index} per physical line
            String line = lines[i];
            while (true) {
                pieces.add(new int[] {joined.length(), i});
                String stripped = line.stripTrailing();
                if (stripped.endsWith("\\") && i + 1 < lines.length) {
                    joined.append(stripped, 0, stripped.length() - 1);
                    line = lines[++i];
                    continue;
                }
                joined.append(line);
                break;
            }
            i++;
            String rule = joined.toString();
            String trimmed = rule.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                loaded.add(new LoadedRule(new Reader(rule, context).rule(), file, first + 1));
            } catch (Skip s) {
                skipped.add(new SkippedRule(file, first + 1, s.sid, s.getMessage()));
            } catch (Fault f) {
                int at = Math.max(0, Math.min(f.offset, rule.length()));
                int piece = 0;
                for (int k = 0; k < pieces.size(); k++) {
                    if (pieces.get(k)[0] <= at) {
                        piece = k;
                    }
                }
                errors.add(new RuleError(file, pieces.get(piece)[1] + 1, at - pieces.get(piece)[0] + 1, f.getMessage()));
            }
        }
        return new RuleFile(loaded, skipped, errors);
    }

    /**
     * One rule on one line. Throws {@link RuleSyntaxException} (with the column) when it is not a rule,
     * {@link UnsupportedRuleException} when it asks for something Telltale does not honour.
     */
    public static Rule parseRule(String text) {
        try {
            return new RuleParser.Reader(text, null).rule();
        } catch (Skip s) {
            throw new UnsupportedRuleException(s.sid, s.getMessage());
        } catch (Fault f) {
            throw new RuleSyntaxException(f.offset + 1, f.getMessage());
        }
    }

    /** An address field's text (a variable's value): {@code [10.0.0.0/8,!$X]}. */
    public static AddressExpr parseAddress(String text) {
        try {
            return new Reader(text, null).address(text.strip(), 0);
        } catch (Fault f) {
            throw new RuleSyntaxException(f.offset + 1, f.getMessage());
        }
    }

    /** A port field's text (a variable's value): {@code [80,8000:8100]}. */
    public static PortExpr parsePort(String text) {
        try {
            return new Reader(text, null).port(text.strip(), 0);
        } catch (Fault f) {
            throw new RuleSyntaxException(f.offset + 1, f.getMessage());
        }
    }

    /** A fault at an offset of the rule text. */
    private static final class Fault extends RuntimeException {
        final int offset;

        Fault(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /** A well-formed rule that is not loaded. */
    private static final class Skip extends RuntimeException {
        final long sid;

        Skip(long sid, String reason) {
            super(reason, null, false, false);
            this.sid = sid;
        }
    }

    /** The reading of one rule. */
    private static final class Reader {
        private final String text;
        private final Context context;
        private int at;
        private final List<RuleOption> options = new ArrayList<>();
        private String skipReason;
        private long sid;

        Reader(String text, Context context) {
            this.text = text;
            this.context = context;
        }

        Rule rule() {
            int actionAt = mark();
            String actionWord = token("an action");
            Rule.Action action = switch (actionWord) {
                case "alert" -> Rule.Action.ALERT;
                case "pass" -> Rule.Action.PASS;
                case "drop" -> Rule.Action.DROP;
                case "reject", "rejectsrc", "rejectdst", "rejectboth" -> Rule.Action.REJECT;
                default -> throw new Fault(actionAt, "unknown action '" + actionWord + "' (alert, pass, drop or reject)");
            };
            int protocolAt = mark();
            String protocol = token("a protocol").toLowerCase(Locale.ROOT);
            if (!Keywords.PROTOCOLS.contains(protocol)) {
                if (!OTHER_PROTOCOLS.contains(protocol) && !protocol.matches("[a-z0-9-]+")) {
                    throw new Fault(protocolAt, "'" + protocol + "' is not a protocol");
                }
                skip("protocol " + protocol + " is not dissected");
            }
            int sourceAt = mark();
            AddressExpr source = address(token("a source address"), sourceAt);
            int sourcePortAt = mark();
            PortExpr sourcePort = port(token("a source port"), sourcePortAt);
            int directionAt = mark();
            String arrow = token("a direction");
            Rule.Direction direction = switch (arrow) {
                case "->" -> Rule.Direction.TO;
                case "<>" -> Rule.Direction.BOTH;
                case "=>" -> {
                    skip("=> (transactional rules) is not supported");
                    yield Rule.Direction.TO;
                }
                default -> throw new Fault(directionAt, "'" + arrow + "' is not a direction (-> or <>)");
            };
            int destinationAt = mark();
            AddressExpr destination = address(token("a destination address"), destinationAt);
            int destinationPortAt = mark();
            PortExpr destinationPort = port(token("a destination port"), destinationPortAt);
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '(') {
                throw new Fault(at, "expected '(' and the options");
            }
            int close = text.stripTrailing().length() - 1;
            if (close <= at || text.charAt(close) != ')') {
                throw new Fault(Math.max(at, close), "the options do not end with ')'");
            }
            at++;
            options(close);
            if (options.stream().noneMatch(o -> o instanceof RuleOption.Sid)) {
                throw new Fault(0, "the rule has no sid");
            }
            if (skipReason != null) {
                throw new Skip(sid, skipReason);
            }
            return new Rule(action, protocol, source, sourcePort, direction, destination, destinationPort, options);
        }

        /** Where the next field starts. */
        private int mark() {
            skipSpace();
            return at;
        }

        private void skip(String reason) {
            if (skipReason == null) {
                skipReason = reason;
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        /** The next header field: up to white space outside brackets. */
        private String token(String what) {
            skipSpace();
            int start = at;
            int depth = 0;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (depth <= 0 && (Character.isWhitespace(c) || c == '(')) {
                    break;
                }
                at++;
            }
            if (start == at) {
                throw new Fault(start, "expected " + what);
            }
            if (depth != 0) {
                throw new Fault(start, "unbalanced brackets in '" + text.substring(start, at) + "'");
            }
            return text.substring(start, at);
        }

        private AddressExpr address(String s, int offset) {
            if (s.startsWith("!")) {
                return new AddressExpr.Not(address(s.substring(1), offset + 1));
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]")) {
                    throw new Fault(offset, "list '" + s + "' does not end with ']'");
                }
                List<AddressExpr> members = new ArrayList<>();
                for (int[] part : split(s, offset)) {
                    members.add(address(s.substring(part[0], part[1]).strip(), offset + part[0]));
                }
                if (members.isEmpty()) {
                    throw new Fault(offset, "empty address list");
                }
                return new AddressExpr.Group(members);
            }
            if (s.equals("any")) {
                return new AddressExpr.Any();
            }
            if (s.startsWith("$")) {
                String name = variable(s, offset);
                if (context != null && !context.variables().addresses().containsKey(name)) {
                    throw new Fault(offset, context.variables().ports().containsKey(name) ? "$" + name
                            + " is a port variable, used as an address" : "address variable $" + name + " is not defined");
                }
                return new AddressExpr.Variable(name);
            }
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            if (!InetAddresses.isInetAddress(host)) {
                throw new Fault(offset, "'" + s + "' is not an address, a CIDR, a variable or any");
            }
            if (slash >= 0) {
                int bits = number(s.substring(slash + 1), offset + slash + 1, "prefix length");
                int max = host.contains(":") ? 128 : 32;
                if (bits > max) {
                    throw new Fault(offset + slash + 1, "prefix length " + bits + " is more than " + max);
                }
            }
            return new AddressExpr.Cidr(s);
        }

        private PortExpr port(String s, int offset) {
            if (s.startsWith("!")) {
                return new PortExpr.Not(port(s.substring(1), offset + 1));
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]")) {
                    throw new Fault(offset, "list '" + s + "' does not end with ']'");
                }
                List<PortExpr> members = new ArrayList<>();
                for (int[] part : split(s, offset)) {
                    members.add(port(s.substring(part[0], part[1]).strip(), offset + part[0]));
                }
                if (members.isEmpty()) {
                    throw new Fault(offset, "empty port list");
                }
                return new PortExpr.Group(members);
            }
            if (s.equals("any")) {
                return new PortExpr.Any();
            }
            if (s.startsWith("$")) {
                String name = variable(s, offset);
                if (context != null && !context.variables().ports().containsKey(name)) {
                    throw new Fault(offset, context.variables().addresses().containsKey(name) ? "$" + name
                            + " is an address variable, used as a port" : "port variable $" + name + " is not defined");
                }
                return new PortExpr.Variable(name);
            }
            int colon = s.indexOf(':');
            int low;
            int high;
            if (colon < 0) {
                low = high = portNumber(s, offset);
            } else {
                low = colon == 0 ? 0 : portNumber(s.substring(0, colon), offset);
                high = colon == s.length() - 1 ? 65535 : portNumber(s.substring(colon + 1), offset + colon + 1);
            }
            if (low > high) {
                throw new Fault(offset, "port range " + s + " is empty");
            }
            return new PortExpr.Range(low, high);
        }

        private int portNumber(String s, int offset) {
            int n = number(s, offset, "port");
            if (n > 65535) {
                throw new Fault(offset, "port " + n + " is above 65535");
            }
            return n;
        }

        private String variable(String s, int offset) {
            String name = s.substring(1);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new Fault(offset, "'" + s + "' is not a variable name");
            }
            return name;
        }

        /** The top-level comma-separated parts inside the brackets of {@code s}, as [start, end) offsets. */
        private List<int[]> split(String s, int offset) {
            List<int[]> parts = new ArrayList<>();
            int depth = 0;
            int start = 1;
            for (int k = 1; k < s.length() - 1; k++) {
                char c = s.charAt(k);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    if (k == start) {
                        throw new Fault(offset + k, "empty item in list");
                    }
                    parts.add(new int[] {start, k});
                    start = k + 1;
                }
            }
            if (start < s.length() - 1) {
                parts.add(new int[] {start, s.length() - 1});
            }
            return parts;
        }

        /** The options up to {@code close}, the final parenthesis. */
        private void options(int close) {
            // the sid first, so a skipped rule is reported with it whatever comes before
            List<int[]> spans = new ArrayList<>(); // keyword start, keyword end, value start (-1), value end
            while (true) {
                skipSpace();
                if (at >= close) {
                    break;
                }
                int keywordStart = at;
                while (at < close && text.charAt(at) != ':' && text.charAt(at) != ';') {
                    at++;
                }
                if (at >= close) {
                    throw new Fault(keywordStart, "option '" + text.substring(keywordStart, close).strip()
                            + "' is not ended by ';'");
                }
                int keywordEnd = at;
                int valueStart = -1;
                int valueEnd = -1;
                if (text.charAt(at) == ':') {
                    valueStart = ++at;
                    while (at < close && text.charAt(at) != ';') {
                        if (text.charAt(at) == '\\') {
                            at++;
                        }
                        at++;
                    }
                    if (at >= close) {
                        throw new Fault(keywordStart, "option '" + text.substring(keywordStart, close).strip()
                                + "' is not ended by ';'");
                    }
                    valueEnd = at;
                }
                at++; // the ';'
                spans.add(new int[] {keywordStart, keywordEnd, valueStart, valueEnd});
            }
            for (int[] span : spans) {
                if (text.substring(span[0], span[1]).strip().equals("sid") && span[2] >= 0) {
                    try {
                        sid = Long.parseLong(text.substring(span[2], span[3]).strip());
                    } catch (NumberFormatException e) {
                        // said below, where the sid is read
                    }
                }
            }
            for (int[] span : spans) {
                String keyword = text.substring(span[0], span[1]).strip();
                String value = span[2] < 0 ? null : text.substring(span[2], span[3]);
                option(keyword, value, span[0], span[2] < 0 ? span[1] : span[2]);
            }
        }

        private void option(String keyword, String value, int keywordAt, int valueAt) {
            switch (keyword) {
                case "msg" -> options.add(new RuleOption.Msg(unescape(quoted(value, valueAt, keyword), valueAt)));
                case "sid" -> {
                    long n = longNumber(needs(value, keyword, keywordAt), valueAt, "sid");
                    if (n == 0) {
                        throw new Fault(valueAt, "sid must be above 0");
                    }
                    options.add(new RuleOption.Sid(n));
                }
                case "rev" -> options.add(new RuleOption.Rev(number(needs(value, keyword, keywordAt), valueAt, "rev")));
                case "gid" -> options.add(new RuleOption.Gid(number(needs(value, keyword, keywordAt), valueAt, "gid")));
                case "priority" -> options.add(new RuleOption.Priority(number(needs(value, keyword, keywordAt), valueAt,
                        "priority")));
                case "classtype" -> {
                    String name = needs(value, keyword, keywordAt).strip();
                    if (!name.matches("[A-Za-z0-9_-]+")) {
                        throw new Fault(valueAt, "'" + name + "' is not a classtype name");
                    }
                    if (context != null && context.classifications().get(name).isEmpty()) {
                        throw new Fault(valueAt, "classtype " + name + " is not in the classification file");
                    }
                    options.add(new RuleOption.Classtype(name));
                }
                case "reference" -> {
                    String v = needs(value, keyword, keywordAt);
                    int comma = v.indexOf(',');
                    if (comma <= 0) {
                        throw new Fault(valueAt, "reference needs system,id");
                    }
                    options.add(new RuleOption.Reference(v.substring(0, comma).strip(), v.substring(comma + 1).strip()));
                }
                case "metadata" -> {
                    List<String> entries = new ArrayList<>();
                    for (String e : needs(value, keyword, keywordAt).split(",")) {
                        if (!e.isBlank()) {
                            entries.add(e.strip());
                        }
                    }
                    options.add(new RuleOption.Metadata(entries));
                }
                case "target" -> {
                    String side = needs(value, keyword, keywordAt).strip();
                    if (!side.equals("src_ip") && !side.equals("dest_ip")) {
                        throw new Fault(valueAt, "target is src_ip or dest_ip, not '" + side + "'");
                    }
                    options.add(new RuleOption.Target(side));
                }
                case "content", "uricontent" -> content(keyword, needs(value, keyword, keywordAt), valueAt);
                case "nocase", "rawbytes", "startswith", "endswith", "fast_pattern", "depth", "offset", "distance", "within" ->
                        modifier(keyword, value, keywordAt, valueAt);
                case "pcre" -> pcre(needs(value, keyword, keywordAt), valueAt);
                case "flow" -> {
                    List<String> settings = new ArrayList<>();
                    for (String s : needs(value, keyword, keywordAt).split(",")) {
                        String t = s.strip().toLowerCase(Locale.ROOT);
                        if (!FLOW_SETTINGS.contains(t)) {
                            throw new Fault(valueAt, "unknown flow setting '" + s.strip() + "'");
                        }
                        settings.add(t);
                    }
                    options.add(new RuleOption.Flow(settings));
                }
                case "flowbits" -> flowbits(needs(value, keyword, keywordAt), valueAt);
                case "dsize", "ttl", "itype", "icode", "bsize", "urilen" -> compare(keyword, needs(value, keyword, keywordAt),
                        valueAt);
                case "threshold" -> threshold(needs(value, keyword, keywordAt), valueAt, true);
                case "detection_filter" -> threshold(needs(value, keyword, keywordAt), valueAt, false);
                case "isdataat" -> isdataat(needs(value, keyword, keywordAt), valueAt);
                case "byte_test" -> byteTest(needs(value, keyword, keywordAt), valueAt);
                case "byte_jump" -> byteJump(needs(value, keyword, keywordAt), valueAt);
                case "noalert" -> options.add(new RuleOption.Noalert());
                case "prefilter" -> {
                    // an engine hint: Telltale's prefilter chooses for itself
                }
                default -> other(keyword, value, keywordAt);
            }
        }

        private void other(String keyword, String value, int keywordAt) {
            String buffer = Keywords.BUFFER_ALIASES.getOrDefault(keyword, keyword);
            if (Keywords.BUFFERS.containsKey(buffer) || Keywords.NOT_EXTRACTED.contains(buffer)) {
                if (value != null) {
                    throw new Fault(keywordAt, keyword + " is a sticky buffer: it takes no value");
                }
                if (!Keywords.BUFFERS.containsKey(buffer)) {
                    skip("buffer " + buffer + " is not extracted yet");
                }
                options.add(new RuleOption.Buffer(buffer));
                return;
            }
            if (Keywords.TRANSFORMS.contains(keyword)) {
                options.add(new RuleOption.Transform(keyword));
                return;
            }
            if (Keywords.LEGACY_MODIFIERS.containsKey(keyword)) {
                String legacy = Keywords.LEGACY_MODIFIERS.get(keyword);
                Content c = lastContent(keyword, keywordAt);
                if (!Keywords.BUFFERS.containsKey(legacy)) {
                    skip("buffer " + legacy + " is not extracted yet");
                }
                replaceLast(new Content(c.bytes(), c.negated(), c.nocase(), c.depth(), c.offset(), c.distance(), c.within(),
                        c.startsWith(), c.endsWith(), c.fastPattern(), legacy, c.rawbytes()));
                return;
            }
            if (!keyword.matches("[A-Za-z0-9_.-]+")) {
                throw new Fault(keywordAt, "'" + keyword + "' is not a keyword");
            }
            skip(Keywords.NOT_HONOURED.getOrDefault(keyword, "keyword " + keyword + " is not supported"));
        }

        private String needs(String value, String keyword, int keywordAt) {
            if (value == null || value.isBlank()) {
                throw new Fault(keywordAt, keyword + " needs a value");
            }
            return value;
        }

        private void content(String keyword, String value, int valueAt) {
            String v = value.strip();
            boolean negated = v.startsWith("!");
            if (negated) {
                v = v.substring(1).strip();
            }
            String bytes = contentBytes(quoted(v, valueAt, keyword), valueAt);
            if (bytes.isEmpty()) {
                throw new Fault(valueAt, keyword + " is empty");
            }
            String buffer = null;
            if (keyword.equals("uricontent")) {
                buffer = "http.uri";
            }
            options.add(new Content(bytes, negated, false, null, null, null, null, false, false, null, buffer, false));
        }

        private void modifier(String keyword, String value, int keywordAt, int valueAt) {
            Content c = lastContent(keyword, keywordAt);
            boolean nocase = c.nocase();
            boolean rawbytes = c.rawbytes();
            boolean startsWith = c.startsWith();
            boolean endsWith = c.endsWith();
            Integer depth = c.depth();
            Integer offset = c.offset();
            Integer distance = c.distance();
            Integer within = c.within();
            RuleOption.FastPattern fast = c.fastPattern();
            switch (keyword) {
                case "nocase" -> nocase = true;
                case "rawbytes" -> rawbytes = true;
                case "startswith" -> startsWith = true;
                case "endswith" -> endsWith = true;
                case "fast_pattern" -> fast = fastPattern(value, valueAt);
                case "depth" -> depth = position(keyword, value, keywordAt, valueAt, false);
                case "offset" -> offset = position(keyword, value, keywordAt, valueAt, false);
                case "distance" -> distance = position(keyword, value, keywordAt, valueAt, true);
                case "within" -> within = position(keyword, value, keywordAt, valueAt, true);
                default -> throw new IllegalStateException(keyword);
            }
            if (value != null && Set.of("nocase", "rawbytes", "startswith", "endswith").contains(keyword)) {
                throw new Fault(keywordAt, keyword + " takes no value");
            }
            replaceLast(new Content(c.bytes(), c.negated(), nocase, depth, offset, distance, within, startsWith, endsWith, fast,
                    c.buffer(), rawbytes));
        }

        private Integer position(String keyword, String value, int keywordAt, int valueAt, boolean signed) {
            String v = needs(value, keyword, keywordAt).strip();
            if (v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                skip(keyword + " from a byte_extract variable is not supported");
                return 0;
            }
            if (signed && v.startsWith("-")) {
                return -number(v.substring(1), valueAt, keyword);
            }
            return number(v, valueAt, keyword);
        }

        private RuleOption.FastPattern fastPattern(String value, int valueAt) {
            if (value == null) {
                return new RuleOption.FastPattern(false, null, null);
            }
            String v = value.strip();
            if (v.equals("only")) {
                return new RuleOption.FastPattern(true, null, null);
            }
            String[] parts = v.split(",");
            if (parts.length != 2) {
                throw new Fault(valueAt, "fast_pattern takes 'only' or offset,length");
            }
            return new RuleOption.FastPattern(false, number(parts[0], valueAt, "fast_pattern offset"),
                    number(parts[1], valueAt, "fast_pattern length"));
        }

        private Content lastContent(String keyword, int keywordAt) {
            for (int k = options.size() - 1; k >= 0; k--) {
                if (options.get(k) instanceof Content c) {
                    return c;
                }
                if (options.get(k) instanceof RuleOption.Pcre || options.get(k) instanceof RuleOption.Buffer) {
                    break;
                }
            }
            throw new Fault(keywordAt, keyword + " needs a content before it");
        }

        private void replaceLast(Content c) {
            for (int k = options.size() - 1; k >= 0; k--) {
                if (options.get(k) instanceof Content) {
                    options.set(k, c);
                    return;
                }
            }
        }

        private void pcre(String value, int valueAt) {
            String v = value.strip();
            boolean negated = v.startsWith("!");
            if (negated) {
                v = v.substring(1).strip();
            }
            String body = quoted(v, valueAt, "pcre");
            int last = body.lastIndexOf('/');
            if (!body.startsWith("/") || last <= 0) {
                throw new Fault(valueAt, "pcre must be \"/regex/flags\"");
            }
            String regex = body.substring(1, last);
            String flags = body.substring(last + 1);
            for (char f : flags.toCharArray()) {
                if ("ismxAEGRUIPHDMCSYVWOBQK".indexOf(f) < 0) {
                    throw new Fault(valueAt, "unknown pcre flag '" + f + "'");
                }
            }
            options.add(new RuleOption.Pcre(regex, flags, negated));
            String reason = PcreTranslation.unsupported(regex, flags);
            if (reason != null) {
                skip(reason);
            }
        }

        private void flowbits(String value, int valueAt) {
            String[] parts = value.split(",", 2);
            String command = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!FLOWBITS_COMMANDS.contains(command)) {
                throw new Fault(valueAt, "unknown flowbits command '" + parts[0].strip() + "'");
            }
            if (command.equals("noalert")) {
                options.add(new RuleOption.Flowbits(command, null));
                return;
            }
            if (parts.length < 2 || parts[1].isBlank()) {
                throw new Fault(valueAt, "flowbits:" + command + " needs a name");
            }
            String names = parts[1].strip();
            if (!names.matches("[A-Za-z0-9_.\\-]+([|&][A-Za-z0-9_.\\-]+)*")) {
                throw new Fault(valueAt, "'" + names + "' is not a flowbit name");
            }
            options.add(new RuleOption.Flowbits(command, names));
        }

        private void compare(String keyword, String value, int valueAt) {
            String v = value.strip();
            if (keyword.equals("urilen") && v.contains(",")) {
                String kind = v.substring(v.indexOf(',') + 1).strip();
                v = v.substring(0, v.indexOf(',')).strip();
                if (kind.equals("raw")) {
                    skip("urilen on the raw URI is not supported");
                } else if (!kind.equals("norm")) {
                    throw new Fault(valueAt, "urilen takes raw or norm, not '" + kind + "'");
                }
            }
            try {
                options.add(new RuleOption.Compare(keyword, NumberTest.parse(v)));
            } catch (IllegalArgumentException e) {
                throw new Fault(valueAt, keyword + ": " + e.getMessage());
            }
        }

        private void threshold(String value, int valueAt, boolean withType) {
            String type = null;
            String track = null;
            Integer count = null;
            Integer seconds = null;
            for (String part : value.split(",")) {
                String[] kv = part.strip().split("\\s+", 2);
                if (kv.length != 2) {
                    throw new Fault(valueAt, "'" + part.strip() + "' is not 'name value'");
                }
                switch (kv[0]) {
                    case "type" -> type = kv[1];
                    case "track" -> track = kv[1];
                    case "count" -> count = number(kv[1], valueAt, "count");
                    case "seconds" -> seconds = number(kv[1], valueAt, "seconds");
                    default -> throw new Fault(valueAt, "unknown threshold setting '" + kv[0] + "'");
                }
            }
            if ((withType && (type == null || !THRESHOLD_TYPES.contains(type))) || track == null || !TRACKS.contains(track)
                    || count == null || seconds == null) {
                throw new Fault(valueAt, (withType ? "threshold needs type (limit, threshold, both), " : "detection_filter needs ")
                        + "track (by_src, by_dst, by_rule, by_both), count and seconds");
            }
            options.add(withType ? new RuleOption.Threshold(type, track, count, seconds)
                    : new RuleOption.DetectionFilter(track, count, seconds));
        }

        private void isdataat(String value, int valueAt) {
            String[] parts = value.split(",");
            String n = parts[0].strip();
            boolean negated = n.startsWith("!");
            if (negated) {
                n = n.substring(1).strip();
            }
            if (n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                skip("isdataat from a byte_extract variable is not supported");
                return;
            }
            boolean relative = false;
            for (int k = 1; k < parts.length; k++) {
                switch (parts[k].strip()) {
                    case "relative" -> relative = true;
                    case "rawbytes" -> {
                        // the payload is always raw here
                    }
                    default -> throw new Fault(valueAt, "unknown isdataat setting '" + parts[k].strip() + "'");
                }
            }
            options.add(new RuleOption.Isdataat(number(n, valueAt, "isdataat"), negated, relative));
        }

        private void byteTest(String value, int valueAt) {
            String[] parts = value.split(",");
            if (parts.length < 4) {
                throw new Fault(valueAt, "byte_test needs bytes, operator, value and offset");
            }
            int bytes = number(parts[0], valueAt, "byte_test bytes");
            String operator = parts[1].strip();
            if (!operator.matches("!?(<|>|=|<=|>=|&|\\^)")) {
                throw new Fault(valueAt, "'" + operator + "' is not a byte_test operator");
            }
            String v = parts[2].strip();
            String o = parts[3].strip();
            if (v.matches("[A-Za-z_][A-Za-z0-9_]*") && !v.startsWith("0x") || o.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                skip("byte_test with a byte_extract variable is not supported");
                return;
            }
            List<String> flags = flags(parts, 4, valueAt, "byte_test");
            boolean string = flags.contains("string");
            // 0 bytes as a string: the whole buffer is the number (Suricata 7, for http.content_len and the like)
            if (bytes < (string ? 0 : 1) || bytes > (string ? 10 : 8)) {
                throw new Fault(valueAt, "byte_test reads 1 to 8 bytes (0 to 10 as a string), not " + bytes);
            }
            options.add(new RuleOption.ByteTest(bytes, operator, value(v, valueAt), signed(o, valueAt), flags));
        }

        private void byteJump(String value, int valueAt) {
            String[] parts = value.split(",");
            if (parts.length < 2) {
                throw new Fault(valueAt, "byte_jump needs bytes and offset");
            }
            int bytes = number(parts[0], valueAt, "byte_jump bytes");
            String o = parts[1].strip();
            if (o.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                skip("byte_jump with a byte_extract variable is not supported");
                return;
            }
            List<String> flags = flags(parts, 2, valueAt, "byte_jump");
            if (bytes < 1 || bytes > (flags.contains("string") ? 10 : 8)) {
                throw new Fault(valueAt, "byte_jump reads 1 to 8 bytes (10 as a string), not " + bytes);
            }
            options.add(new RuleOption.ByteJump(bytes, signed(o, valueAt), flags));
        }

        private List<String> flags(String[] parts, int from, int valueAt, String keyword) {
            List<String> flags = new ArrayList<>();
            for (int k = from; k < parts.length; k++) {
                String f = parts[k].strip().replaceAll("\\s+", " ");
                String name = f.split(" ")[0];
                switch (name) {
                    case "relative", "big", "little", "string", "hex", "dec", "oct", "align", "from_beginning", "from_end" ->
                            flags.add(f);
                    case "bitmask", "post_offset", "multiplier" -> {
                        if (f.split(" ").length != 2) {
                            throw new Fault(valueAt, name + " needs a number");
                        }
                        value(f.split(" ")[1], valueAt);
                        flags.add(f);
                    }
                    case "dce" -> skip(keyword + " with dce is not supported (DCE/RPC is not dissected)");
                    default -> throw new Fault(valueAt, "unknown " + keyword + " setting '" + f + "'");
                }
            }
            return flags;
        }

        private long value(String s, int valueAt) {
            String t = s.strip();
            try {
                return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16)
                        : t.startsWith("-") ? -Long.parseLong(t.substring(1)) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new Fault(valueAt, "'" + t + "' is not a number");
            }
        }

        private int signed(String s, int valueAt) {
            long v = value(s, valueAt);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new Fault(valueAt, "'" + s.strip() + "' is out of range");
            }
            return (int) v;
        }

        /** The text between double quotes, still escaped. */
        private String quoted(String value, int valueAt, String keyword) {
            String v = value == null ? "" : value.strip();
            if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"' || escapedAt(v, v.length() - 1)) {
                throw new Fault(valueAt, keyword + " must be in double quotes");
            }
            return v.substring(1, v.length() - 1);
        }

        private static boolean escapedAt(String s, int index) {
            int backslashes = 0;
            for (int k = index - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
                backslashes++;
            }
            return backslashes % 2 == 1;
        }

        private String unescape(String s, int valueAt) {
            StringBuilder out = new StringBuilder(s.length());
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '\\' && k + 1 < s.length()) {
                    out.append(s.charAt(++k));
                } else if (c == '"') {
                    throw new Fault(valueAt + k, "a double quote inside the text must be escaped");
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        /** A content's bytes, one char per byte: text (escaped) and |hex| runs; text outside Latin-1 as UTF-8. */
        private String contentBytes(String s, int valueAt) {
            StringBuilder out = new StringBuilder(s.length());
            boolean hex = false;
            int pending = -1;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '|') {
                    if (hex && pending >= 0) {
                        throw new Fault(valueAt + k, "odd number of hex digits in content");
                    }
                    hex = !hex;
                    continue;
                }
                if (hex) {
                    if (Character.isWhitespace(c)) {
                        continue;
                    }
                    int d = Character.digit(c, 16);
                    if (d < 0) {
                        throw new Fault(valueAt + k + 1, "'" + c + "' is not a hex digit");
                    }
                    if (pending < 0) {
                        pending = d;
                    } else {
                        out.append((char) (pending << 4 | d));
                        pending = -1;
                    }
                    continue;
                }
                if (c == '\\' && k + 1 < s.length()) {
                    c = s.charAt(++k);
                } else if (c == '"') {
                    throw new Fault(valueAt + k + 1, "a double quote inside content must be escaped or written |22|");
                }
                if (c > 0x7f) {
                    // text beyond ASCII is matched as its UTF-8 bytes, as the rule file was written
                    int codePoint = s.codePointAt(k);
                    for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
                        out.append((char) (b & 0xff));
                    }
                    k += Character.charCount(codePoint) - 1;
                } else {
                    out.append(c);
                }
            }
            if (hex) {
                throw new Fault(valueAt, "content has a '|' that is not closed");
            }
            return out.toString();
        }
    }

    private static int number(String s, int offset, String what) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Fault(offset, what + " '" + t + "' is not a number");
        }
        return Integer.parseInt(t);
    }

    private static long longNumber(String s, int offset, String what) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Fault(offset, what + " '" + t + "' is not a number");
        }
        return Long.parseLong(t);
    }
}
