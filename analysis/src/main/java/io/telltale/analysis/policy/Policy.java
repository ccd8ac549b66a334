package io.telltale.analysis.policy;

import io.telltale.analysis.policy.PolicyDocument.Declaration;
import io.telltale.analysis.policy.PolicyDocument.Group;
import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy the detectors consult (DESIGN §5): which groups a device is in, and whether a
 * conversation is declared. It holds the loaded {@link PolicyDocument}, which {@link #replace} swaps
 * for a reloaded one without a restart (the detectors keep their state), and what the asset
 * inventory has learned of each address (MAC, maker, host name), so groups written as MAC prefixes,
 * vendors or name patterns take in devices whatever their address.
 */
public final class Policy {

    /** What is known of who an address is; any part may be null. */
    public record Identity(String mac, String vendor, String hostName) {
    }

    private volatile PolicyDocument document;
    private volatile List<Declaration> declarations;
    private final Map<String, Identity> identities = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groupCache = new ConcurrentHashMap<>();
    private volatile long generation;
    /** Bumped by anything that changes an answer of {@link #declaration}: a reload, a new identity, a new DNS answer. */
    private volatile long answersVersion;

    public Policy(PolicyDocument document) {
        this.document = document;
        this.declarations = document.allDeclarations();
    }

    /** A policy that declares nothing and knows no device: every device is watched, nothing is declared. */
    public static Policy empty() {
        return new Policy(new PolicyDocument("none", Map.of(), List.of(), null, List.of()));
    }

    public String site() {
        return document.site();
    }

    public Map<String, Group> groups() {
        return document.groups();
    }

    /** Every declaration in force: those written, then those learned and accepted. */
    public List<Declaration> declarations() {
        return declarations;
    }

    /** Whether a device is in a group still being learned (its undeclared conversations are not alerts yet). */
    public boolean learning(String address) {
        for (String g : groupsOf(address)) {
            if (document.groups().get(g).learning()) {
                return true;
            }
        }
        return false;
    }

    public PolicyDocument document() {
        return document;
    }

    /** Puts a reloaded document in force; identities learned so far are kept. */
    public void replace(PolicyDocument reloaded) {
        document = reloaded;
        declarations = reloaded.allDeclarations();
        groupCache.clear();
        generation++;
        answersVersion++;
    }

    /** How many times the document was replaced. */
    public long generation() {
        return generation;
    }

    /** The inventory learned who an address is. */
    public void identify(String address, Identity identity) {
        if (!identity.equals(identities.put(address, identity))) {
            groupCache.remove(address);
            answersVersion++;
        }
    }

    /** The groups an address belongs to. */
    public List<String> groupsOf(String address) {
        if (address == null || document.groups().isEmpty()) {
            return List.of();
        }
        List<String> cached = groupCache.get(address);
        if (cached != null) {
            return cached;
        }
        byte[] a = bytes(address);
        List<String> in = new ArrayList<>();
        if (a != null) {
            document.groups().forEach((name, g) -> {
                if (member(g, address, a)) {
                    in.add(name);
                }
            });
        }
        List<String> groups = List.copyOf(in);
        if (groupCache.size() < 200_000) {
            groupCache.put(address, groups);
        }
        return groups;
    }

    private boolean member(Group g, String address, byte[] a) {
        if (g.cidr().stream().anyMatch(c -> c.contains(a))) {
            return true;
        }
        Identity who = identities.get(address);
        if (who == null) {
            return false;
        }
        if (who.mac() != null && g.oui().stream().anyMatch(p -> who.mac().toLowerCase(Locale.ROOT).startsWith(p))) {
            return true;
        }
        if (who.vendor() != null && g.vendor().stream().anyMatch(
                v -> who.vendor().toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT)))) {
            return true;
        }
        return who.hostName() != null && g.name().stream().anyMatch(p -> glob(p, who.hostName()));
    }

    /** Whether a conversation is declared at a time: addresses, transport, port, and the DNS name where one is asked. */
    public boolean declared(String from, String to, String transport, int port, String dnsName, long nanos) {
        return declaration(from, to, transport, port, dnsName, nanos) != null;
    }

    /** The last question and its answer: the detectors ask the same one for each flow, one after another. */
    private record Asked(String from, String to, String transport, int port, long nanos, long version, Declaration answer) {
    }

    private volatile Asked lastAsked;

    /** The declaration that allows a conversation at a time, or null. */
    public Declaration declaration(String from, String to, String transport, int port, String dnsName, long nanos) {
        if (dnsName != null) {
            return lookUp(from, to, transport, port, dnsName, nanos);
        }
        Asked last = lastAsked;
        if (last != null && last.port == port && last.nanos == nanos && last.version == answersVersion
                && last.from.equals(from) && last.to.equals(to) && java.util.Objects.equals(last.transport, transport)) {
            return last.answer;
        }
        long version = answersVersion; // read first: a change while we look makes the memo stale, never wrong
        Declaration answer = lookUp(from, to, transport, port, null, nanos);
        if (from != null && to != null) {
            lastAsked = new Asked(from, to, transport, port, nanos, version, answer);
        }
        return answer;
    }

    private Declaration lookUp(String from, String to, String transport, int port, String dnsName, long nanos) {
        byte[] f = bytes(from);
        byte[] t = bytes(to);
        if (f == null || t == null) {
            return null;
        }
        for (Declaration d : declarations) {
            if (d.transport() != null && !d.transport().equals(transport)) {
                continue;
            }
            if (!d.ports().isEmpty() && !d.ports().contains(port)) {
                continue;
            }
            if (!matches(d.from(), from, f) || !matches(d.to(), to, t)) {
                continue;
            }
            if (dnsName != null && !d.dnsNames().isEmpty() && d.dnsNames().stream().noneMatch(p -> nameMatches(p, dnsName))) {
                continue;
            }
            if (d.window() != null && !d.window().contains(nanos)) {
                continue;
            }
            return d;
        }
        return null;
    }

    private boolean matches(List<String> where, String text, byte[] address) {
        for (String w : where) {
            Group g = document.groups().get(w);
            if (g != null) {
                if (member(g, text, address)) {
                    return true;
                }
            } else {
                Object peer = PEERS.computeIfAbsent(w, Policy::peer);
                if (peer instanceof Cidr c) {
                    if (c.contains(address)) {
                        return true;
                    }
                } else {
                    List<String> names = resolved.get(text);
                    if (names != null && names.stream().anyMatch(n -> nameMatches(w, n))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Peers as written, parsed once: a {@link Cidr}, or {@link #NAME} for a DNS name. */
    private static final Map<String, Object> PEERS = new ConcurrentHashMap<>();
    private static final Object NAME = new Object();

    private static Object peer(String w) {
        return isName(w) ? NAME : Cidr.parse(w);
    }

    /** A peer written as a DNS name ({@code update.vendor.example}, {@code *.vendor.example}), not a block or group. */
    public static boolean isName(String peer) {
        return peer.indexOf('/') < 0 && !InetAddresses.isInetAddress(peer) && peer.matches("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+")
                && peer.chars().anyMatch(Character::isLetter);
    }

    /**
     * A DNS answer seen on the wire: {@code address} was given for {@code name}. Declarations whose
     * peer is a name hold for the addresses their name was resolved to; the newest names are kept,
     * {@link #NAMES_PER_ADDRESS} per address, for {@link #MAX_RESOLVED} addresses.
     */
    public void resolved(String address, String name) {
        if (name == null || name.isEmpty()) {
            return;
        }
        List<String> before = resolved.get(address);
        if (before != null && before.contains(name)) {
            return;
        }
        if (before == null && resolved.size() >= MAX_RESOLVED) {
            resolved.clear(); // forget the oldest wholesale: names come back with the next lookups
        }
        List<String> after = new ArrayList<>(before == null ? List.of() : before);
        after.add(name);
        if (after.size() > NAMES_PER_ADDRESS) {
            after.removeFirst();
        }
        resolved.put(address, List.copyOf(after));
        answersVersion++;
    }

    static final int NAMES_PER_ADDRESS = 8;
    static final int MAX_RESOLVED = 200_000;
    private final Map<String, List<String>> resolved = new ConcurrentHashMap<>();
    private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What the loader could not honour (parts of a MUD file), for the operator to read. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    void note(String note) {
        notes.add(note);
    }

    /** {@code *.example} matches names under example; other patterns match the name itself, case ignored. */
    public static boolean nameMatches(String pattern, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        return p.startsWith("*.") ? n.endsWith(p.substring(1)) : n.equals(p);
    }

    /** A pattern with {@code *} for any run of characters, case ignored. */
    static boolean glob(String pattern, String text) {
        String regex = java.util.Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
                .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*"));
        return text.toLowerCase(Locale.ROOT).matches(regex);
    }

    /** An address literal's bytes, null for anything else (never a DNS lookup). */
    static byte[] bytes(String address) {
        AddressLiteral literal = AddressLiteral.of(address);
        return literal == null ? null : literal.bytes();
    }
}
