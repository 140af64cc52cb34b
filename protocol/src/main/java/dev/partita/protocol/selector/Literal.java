package dev.partita.protocol.selector;

import java.util.List;

/**
 * A literal: a {@link String}, a {@link Long} (exact numeric), a finite {@link Double}
 * (approximate numeric) or a {@link Boolean}.
 *
 * @param value the value; a negative number when the selector wrote a minus sign right before the
 *     literal (so {@code -9223372036854775808} is a literal)
 */
public record Literal(Object value) implements Expression {

    /** Checks the value is one a selector can write. */
    public Literal {
        boolean valid = value instanceof String || value instanceof Long || value instanceof Boolean
                || (value instanceof Double d && Double.isFinite(d));
        if (!valid) {
            throw new IllegalArgumentException("not a selector literal: " + value);
        }
    }

    @Override
    public Object evaluate(SelectorContext context) {
        return value;
    }

    @Override
    public ValueType type() {
        if (value instanceof String) {
            return ValueType.STRING;
        }
        return value instanceof Boolean ? ValueType.BOOLEAN : ValueType.NUMERIC;
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public void appendTo(StringBuilder out) {
        if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "TRUE" : "FALSE");
        } else {
            // Long.toString and Double.toString ("1.0E10", "-0.0") both read back as the same value.
            out.append(value);
        }
    }

    /** Writes {@code s} as a string literal: in single quotes, each quote doubled. */
    static void appendString(StringBuilder out, String s) {
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                out.append('\'');
            }
            out.append(c);
        }
        out.append('\'');
    }
}
