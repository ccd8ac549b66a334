package io.telltale.signatures.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.field.FieldCatalog;
import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.Keywords;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Suricata's content semantics on one buffer: positions, relative matches with backtracking, negation, regex, byte tests. */
class BufferProgramTest {

    /** Whether the options (tests of the http.uri buffer) match the value. */
    static boolean matches(String options, String value) {
        CompiledRule r = RuleCompiler.compile(0, RuleParser.parseRule("alert http any any -> any any (http.uri; " + options
                + " sid:1;)"), RuleVariables.defaults(), Classifications.bundled());
        return r.buffers().getFirst().matches(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void absolutePositions() {
        assertThat(matches("content:\"abc\"; depth:3;", "abcdef")).isTrue();
        assertThat(matches("content:\"abc\"; depth:3;", "xabcdef")).isFalse();
        assertThat(matches("content:\"def\"; offset:3;", "abcdef")).isTrue();
        assertThat(matches("content:\"abc\"; offset:1;", "abcdef")).isFalse();
        assertThat(matches("content:\"/api\"; startswith;", "/api/v1")).isTrue();
        assertThat(matches("content:\"/api\"; startswith;", "x/api")).isFalse();
        assertThat(matches("content:\".php\"; endswith;", "/a.php.bak.php")).isTrue();
        assertThat(matches("content:\".php\"; endswith;", "/a.php?x")).isFalse();
        assertThat(matches("content:\"ABC\"; nocase;", "xabcx")).isTrue();
        assertThat(matches("content:\"ABC\";", "xabcx")).isFalse();
    }

    @Test
    void relativeMatchesBacktrackToALaterOccurrence() {
        // the first "a=" is followed by nothing useful; the second one is, within 3 bytes
        assertThat(matches("content:\"a=\"; content:\"evil\"; distance:0; within:6;", "a=1&b=2&a=evil")).isTrue();
        assertThat(matches("content:\"a=\"; content:\"evil\"; distance:0; within:3;", "a=1&b=2&a=xevil")).isFalse();
        assertThat(matches("content:\"x\"; content:\"y\"; distance:2;", "x_y")).isFalse();
        assertThat(matches("content:\"x\"; content:\"y\"; distance:1;", "x_y")).isTrue();
        assertThat(matches("content:\"bc\"; content:\"ab\"; distance:-3; within:2;", "abc")).isTrue();
    }

    @Test
    void negatedContentsAndRegexes() {
        assertThat(matches("content:\"/upload\"; content:!\"token=\";", "/upload?name=a")).isTrue();
        assertThat(matches("content:\"/upload\"; content:!\"token=\";", "/upload?token=1")).isFalse();
        assertThat(matches("pcre:\"/^\\/v[0-9]+\\/status$/\";", "/v12/status")).isTrue();
        assertThat(matches("pcre:\"/^\\/v[0-9]+\\/status$/\";", "/vx/status")).isFalse();
        assertThat(matches("content:\"id=\"; pcre:\"/^[0-9]{4}/R\";", "/a?id=2024")).isTrue();
        assertThat(matches("content:\"id=\"; pcre:\"/^[0-9]{4}/R\";", "/a?id=20x4")).isFalse();
        assertThat(matches("pcre:!\"/admin/i\";", "/ADMIN")).isFalse();
    }

    @Test
    void lengthsDataAndByteTests() {
        assertThat(matches("bsize:5;", "/abcd")).isTrue();
        assertThat(matches("bsize:>5;", "/abcd")).isFalse();
        assertThat(matches("content:\"/\"; isdataat:3,relative;", "/abcd")).isTrue();
        assertThat(matches("content:\"/\"; isdataat:!3,relative;", "/abcd")).isFalse();
        assertThat(matches("content:\"len=\"; byte_test:3,>,100,0,relative,string,dec;", "/x?len=250")).isTrue();
        assertThat(matches("content:\"len=\"; byte_test:3,>,100,0,relative,string,dec;", "/x?len=050")).isFalse();
        // the hex "%41" decodes to "A" in http.uri, as Suricata normalises
        assertThat(matches("urilen:3;", "/%41")).isFalse();
    }

    @Test
    void everyBufferIsBackedByAFieldOfTheCatalog() {
        FieldCatalog catalog = FieldCatalog.of(BuiltInProtocols.ALL);
        Keywords.BUFFERS.forEach((buffer, field) -> {
            if (!field.equals("payload")) {
                assertThat(catalog.field(field)).as("%s needs the catalog field %s", buffer, field).isNotNull();
            }
        });
    }
}
