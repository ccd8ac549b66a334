package io.telltale.signatures.engine;

import io.telltale.signatures.rule.NumberTest;
import java.util.List;
import java.util.regex.Pattern;

/** One test of a buffer, in rule order; contents and regexes move the cursor the next relative test starts from. */
sealed interface Step {

    /**
     * A content: absolute ({@code offset}/{@code depth}, -1 when absent) or relative to the cursor
     * ({@code distance}/{@code within}, null when absent).
     */
    record Content(byte[] pattern, boolean negated, boolean nocase, int offset, int depth, Integer distance, Integer within,
                   boolean startsWith, boolean endsWith) implements Step {
        boolean relative() {
            return distance != null || within != null;
        }
    }

    /** A regex; {@code relative} starts it at the cursor. */
    record Regex(Pattern pattern, boolean negated, boolean relative) implements Step {
    }

    /** {@code isdataat}. */
    record DataAt(int position, boolean negated, boolean relative) implements Step {
    }

    /** {@code bsize} or {@code urilen}: the buffer's length. */
    record Length(NumberTest test) implements Step {
    }

    /** {@code byte_test}. */
    record ByteTest(int bytes, String operator, long value, int offset, List<String> flags) implements Step {
    }

    /** {@code byte_jump}. */
    record ByteJump(int bytes, int offset, List<String> flags) implements Step {
    }
}
