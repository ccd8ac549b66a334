package io.telltale.analysis.index.query;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.index.FlowFields;
import io.telltale.analysis.index.IndexSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The analyst's query language: Lucene's syntax over the index's field names and aliases, read by a
 * small recursive-descent parser of our own, because Lucene's parser reads {@code /} as a regular
 * expression and {@code :} as a field separator, and CIDR terms and IPv6 addresses need both.
 *
 * <pre>
 * query   := or
 * or      := and (("OR" | "||") and)*
 * and     := unary (("AND" | "&amp;&amp;")? unary)*          terms side by side must all hold
 * unary   := ("NOT" | "!" | "-") unary | "+" unary | primary
 * primary := "(" or ")" | FIELD ":" value | "exists:" FIELD | WORD | "\"" phrase "\""
 * value   := WORD | "\"" text "\"" | ("&gt;" | "&gt;=" | "&lt;" | "&lt;=") WORD
 *          | ("[" | "{") WORD "TO" WORD ("]" | "}")
 * </pre>
 *
 * A field is a catalog name ({@code tls.sni}) or an alias ({@code ip}: source or destination); what a
 * value means follows the field's type ({@link FieldQueries}). A word without a field searches the
 * free-text field. Every error names its offset and why.
 */
public final class FlowQueryParser {

    private final IndexSchema schema;
    private final AlertLookup alerts;

    public FlowQueryParser(IndexSchema schema, AlertLookup alerts) {
        this.schema = schema;
        this.alerts = alerts;
    }

    /** The Lucene query for the text; blank text matches every flow. */
    public Query parse(String text) throws QueryException {
        return new Run(text).parse();
    }

    /** One parse: the text and the reading position. */
    private final class Run {
        private final String text;
        private int at;

        Run(String text) {
            this.text = text == null ? "" : text;
        }

        Query parse() throws QueryException {
            skipSpace();
            if (at == text.length()) {
                return new MatchAllDocsQuery();
            }
            Query query = or();
            skipSpace();
            if (at < text.length()) {
                throw error(at, text.charAt(at) == ')' ? "')' without its '('" : "unexpected '" + text.charAt(at) + "'");
            }
            return query;
        }

        private Query or() throws QueryException {
            List<Query> alternatives = new ArrayList<>();
            alternatives.add(and());
            while (keyword("OR") || symbol("||")) {
                alternatives.add(and());
            }
            if (alternatives.size() == 1) {
                return alternatives.getFirst();
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Query alternative : alternatives) {
                any.add(alternative, Occur.SHOULD);
            }
            return any.build();
        }

        private Query and() throws QueryException {
            List<Query> required = new ArrayList<>();
            List<Query> excluded = new ArrayList<>();
            while (true) {
                skipSpace();
                int start = at;
                if (at == text.length() || peek(')') || peekKeyword("OR") || peekSymbol("||")) {
                    throw error(start, at == text.length() ? "the query ends where a term is needed" : "a term is needed here");
                }
                boolean negated = false;
                while (true) {
                    if (keyword("NOT") || symbol("!") || symbol("-")) {
                        negated = !negated;
                    } else if (!symbol("+")) {
                        break;
                    }
                    skipSpace();
                }
                Query term = primary();
                (negated ? excluded : required).add(term);
                boolean joined = keyword("AND") || symbol("&&");
                skipSpace();
                if (!joined && (at == text.length() || peek(')') || peekKeyword("OR") || peekSymbol("||"))) {
                    break;
                }
            }
            if (required.size() == 1 && excluded.isEmpty()) {
                return required.getFirst();
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (Query query : required) {
                all.add(query, Occur.MUST);
            }
            for (Query query : excluded) {
                all.add(query, Occur.MUST_NOT);
            }
            if (required.isEmpty()) {
                all.add(new MatchAllDocsQuery(), Occur.FILTER);
            }
            return all.build();
        }

        private Query primary() throws QueryException {
            if (peek('(')) {
                int open = at++;
                skipSpace();
                if (peek(')')) {
                    throw error(open, "empty parentheses");
                }
                Query inner = or();
                skipSpace();
                if (!peek(')')) {
                    throw error(open, "'(' is not closed");
                }
                at++;
                return inner;
            }
            int start = at;
            String field = fieldName();
            if (field == null) {
                Value word = value(start);
                if (word.isRange()) {
                    throw error(start, "a range or comparison needs a field before it, as in port:[1 TO 1023] or bytes.out:>1000");
                }
                try {
                    return FieldQueries.freeText(word.text());
                } catch (IllegalArgumentException e) {
                    throw error(start, e.getMessage());
                }
            }
            at++; // the colon
            if (field.equals("exists")) {
                int nameAt = at;
                String name = word(true);
                List<FieldSpec> fields = schema.resolve(name);
                if (fields.isEmpty()) {
                    throw error(nameAt, unknown(name));
                }
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (FieldSpec f : fields) {
                    if (schema.alwaysPresent(f)) {
                        return new MatchAllDocsQuery();
                    }
                    any.add(FieldQueries.exists(f, schema.presence(f)), Occur.SHOULD);
                }
                return any.build();
            }
            if (field.equals("alert")) {
                Value value = value(at);
                if (value.isRange()) {
                    throw error(value.start(), "alert: takes an id, category, detector or severity, not a range");
                }
                try {
                    Set<Long> flows = alerts.flowsOf(value.text());
                    return flows.isEmpty() ? new MatchNoDocsQuery("no alert " + value.text())
                            : LongPoint.newSetQuery(IndexSchema.ID, flows);
                } catch (java.io.IOException e) {
                    throw error(value.start(), "the alert index cannot be read: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw error(value.start(), "alert: " + e.getMessage());
                }
            }
            List<FieldSpec> fields = schema.resolve(field);
            if (fields.isEmpty()) {
                throw error(start, unknown(field));
            }
            Value value = value(at);
            if (fields.size() == 1) {
                return query(fields.getFirst(), value);
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (FieldSpec f : fields) {
                any.add(query(f, value), Occur.SHOULD);
            }
            return any.build();
        }

        private Query query(FieldSpec field, Value value) throws QueryException {
            try {
                return FieldQueries.of(field, value, schema.presence(field), schema.points(field));
            } catch (IllegalArgumentException e) {
                throw error(value.start(), field.name() + ": " + e.getMessage());
            }
        }

        private String unknown(String name) {
            return "no field or alias '" + name + "' (fields are the catalog's names such as tls.sni or ip.dst; "
                    + "'telltale search --list-fields' lists them)";
        }

        /** A field name followed by a colon at the reading position, or null (the position is kept). */
        private String fieldName() {
            int end = at;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.'
                    || text.charAt(end) == '_')) {
                end++;
            }
            if (end == at || end >= text.length() || text.charAt(end) != ':') {
                return null;
            }
            String name = text.substring(at, end).toLowerCase(Locale.ROOT);
            // "fe80::1" is an address, not the field "fe80"; "ip.dst:::1" is the field and "::1"
            if (end + 1 < text.length() && text.charAt(end + 1) == ':' && schema.resolve(name).isEmpty()) {
                return null;
            }
            at = end;
            return name;
        }

        private Value value(int start) throws QueryException {
            if (at == text.length() || Character.isWhitespace(text.charAt(at))) {
                throw error(at, "a value is needed after the field");
            }
            char c = text.charAt(at);
            if (c == '[' || c == '{') {
                boolean lowerInclusive = c == '[';
                at++;
                skipSpace();
                int lowerAt = at;
                String lower = word(true);
                skipSpace();
                if (!keyword("TO")) {
                    throw error(at, "a range needs TO between its ends: [low TO high]");
                }
                skipSpace();
                int upperAt = at;
                String upper = rangeEnd();
                if (at == text.length() || (text.charAt(at) != ']' && text.charAt(at) != '}')) {
                    throw error(at, "a range ends with ] or }");
                }
                boolean upperInclusive = text.charAt(at++) == ']';
                if (lower.isEmpty() || upper.isEmpty()) {
                    throw error(lower.isEmpty() ? lowerAt : upperAt, "a range end is missing (use * for open)");
                }
                return Value.range(start, lower, lowerInclusive, upper, upperInclusive);
            }
            if (c == '>' || c == '<') {
                at++;
                boolean inclusive = peek('=');
                if (inclusive) {
                    at++;
                }
                int wordAt = at;
                String bound = word(true);
                if (bound.isEmpty()) {
                    throw error(wordAt, "a comparison needs a value after " + c);
                }
                return c == '>' ? Value.range(start, bound, inclusive, "*", true)
                        : Value.range(start, "*", true, bound, inclusive);
            }
            if (c == '"') {
                return new Value(start, quoted(), true, null, false, null, false);
            }
            String word = word(true);
            if (word.isEmpty()) {
                throw error(at, "a value is needed here");
            }
            return new Value(start, word, false, null, false, null, false);
        }

        private String quoted() throws QueryException {
            int open = at++;
            StringBuilder out = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                out.append(c);
            }
            if (at == text.length()) {
                throw error(open, "the quote is not closed");
            }
            at++;
            return out.toString();
        }

        /** Characters up to a space or a parenthesis; a backslash keeps the next one. */
        private String word(boolean stopAtParenthesis) {
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c) || stopAtParenthesis && (c == ')' || c == '(')) {
                    break;
                }
                if (c == '\\' && at + 1 < text.length()) {
                    c = text.charAt(++at);
                }
                out.append(c);
                at++;
            }
            return out.toString();
        }

        private String rangeEnd() {
            StringBuilder out = new StringBuilder();
            while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != ']'
                    && text.charAt(at) != '}') {
                out.append(text.charAt(at++));
            }
            return out.toString();
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private boolean peekSymbol(String symbol) {
            return text.startsWith(symbol, at);
        }

        private boolean symbol(String symbol) {
            if (!peekSymbol(symbol)) {
                return false;
            }
            at += symbol.length();
            return true;
        }

        private boolean peekKeyword(String keyword) {
            int end = at + keyword.length();
            return text.startsWith(keyword, at) && (end == text.length() || Character.isWhitespace(text.charAt(end))
                    || text.charAt(end) == '(');
        }

        private boolean keyword(String keyword) {
            skipSpace();
            if (!peekKeyword(keyword)) {
                return false;
            }
            at += keyword.length();
            return true;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private QueryException error(int position, String message) {
            return new QueryException(text, position, message);
        }
    }

    /** True for the fields whose values are points in time (ISO times in a query). */
    static boolean isTime(FieldSpec field) {
        return field == FlowFields.START || field == FlowFields.END;
    }
}
