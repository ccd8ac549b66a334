package io.telltale.signatures.rule;

import java.util.List;

/**
 * One option of a rule, typed. Only what Telltale honours has a type here; anything else never
 * becomes an option, it makes the parser skip its rule with a reason.
 */
public sealed interface RuleOption {

    /** {@code msg:"..."}, unescaped. */
    record Msg(String text) implements RuleOption {
    }

    /** {@code sid:N}. */
    record Sid(long value) implements RuleOption {
    }

    /** {@code rev:N}. */
    record Rev(int value) implements RuleOption {
    }

    /** {@code gid:N}. */
    record Gid(int value) implements RuleOption {
    }

    /** {@code priority:N}, 1 the most urgent. */
    record Priority(int value) implements RuleOption {
    }

    /** {@code classtype:name}, described by classification.config. */
    record Classtype(String name) implements RuleOption {
    }

    /** {@code reference:system,id} ({@code url,example.com/x}, {@code cve,2021-44228}). */
    record Reference(String system, String id) implements RuleOption {
    }

    /** {@code metadata:key value, key value}: the entries, each trimmed. */
    record Metadata(List<String> entries) implements RuleOption {
        public Metadata {
            entries = List.copyOf(entries);
        }
    }

    /** {@code target:src_ip} or {@code dest_ip}: which end is the victim. */
    record Target(String side) implements RuleOption {
    }

    /**
     * {@code content} with its modifiers. {@code bytes} holds one char per byte (ISO-8859-1), so the
     * record compares by value; {@code buffer} is set when a legacy modifier ({@code http_uri;})
     * rather than a sticky buffer names where to look. Null numbers are absent modifiers.
     */
    record Content(String bytes, boolean negated, boolean nocase, Integer depth, Integer offset, Integer distance,
                   Integer within, boolean startsWith, boolean endsWith, FastPattern fastPattern, String buffer,
                   boolean rawbytes) implements RuleOption {

        public Content {
            if (bytes.isEmpty()) {
                throw new IllegalArgumentException("content is empty");
            }
        }

        public byte[] pattern() {
            return bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code fast_pattern}, {@code fast_pattern:only} or {@code fast_pattern:offset,length}. */
    record FastPattern(boolean only, Integer chopOffset, Integer chopLength) {
    }

    /** {@code pcre:"/regex/flags"}, {@code !} negated. */
    record Pcre(String regex, String flags, boolean negated) implements RuleOption {
    }

    /** {@code flow:established,to_server}: the settings as written. */
    record Flow(List<String> settings) implements RuleOption {
        public Flow {
            settings = List.copyOf(settings);
        }
    }

    /** {@code flowbits:set,name}; {@code names} is null for {@code noalert}, may hold {@code a|b} or {@code a&b}. */
    record Flowbits(String command, String names) implements RuleOption {
    }

    /** A number test on a packet or buffer property: dsize, ttl, itype, icode, bsize, urilen. */
    record Compare(String keyword, NumberTest test) implements RuleOption {
    }

    /** {@code threshold:type limit, track by_src, count 1, seconds 60}. */
    record Threshold(String type, String track, int count, int seconds) implements RuleOption {
    }

    /** {@code detection_filter:track by_src, count 10, seconds 60}. */
    record DetectionFilter(String track, int count, int seconds) implements RuleOption {
    }

    /** {@code isdataat:[!]N[,relative][,rawbytes]}. */
    record Isdataat(int position, boolean negated, boolean relative) implements RuleOption {
    }

    /**
     * {@code byte_test:bytes,[!]op,value,offset[,flags]}; the flags (relative, big, little, string,
     * hex, dec, oct, bitmask N) as written.
     */
    record ByteTest(int bytes, String operator, long value, int offset, List<String> flags) implements RuleOption {
        public ByteTest {
            flags = List.copyOf(flags);
        }
    }

    /** {@code byte_jump:bytes,offset[,flags]}; flags as written (relative, align, post_offset N, ...). */
    record ByteJump(int bytes, int offset, List<String> flags) implements RuleOption {
        public ByteJump {
            flags = List.copyOf(flags);
        }
    }

    /** A sticky buffer ({@code dns.query;}); the contents after it look there. Canonical (dotted) name. */
    record Buffer(String name) implements RuleOption {
    }

    /** A transform of the current buffer ({@code dotprefix;}, {@code to_lowercase;}). */
    record Transform(String name) implements RuleOption {
    }

    /** {@code noalert;}: the rule only sets state (flowbits). */
    record Noalert() implements RuleOption {
    }
}
