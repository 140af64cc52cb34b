package dev.partita.protocol.selector;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code LIKE} pattern compiled once at parse time (Jakarta Messaging 3.1, section 3.8.1.1):
 * {@code _} matches any one character, {@code %} any sequence of characters including none, the
 * escape character makes the {@code _}, {@code %} or escape character after it literal, and every
 * other character matches itself. Characters are Unicode code points, so {@code _} matches a
 * supplementary character (a surrogate pair) as one character. As in SQL, the escape character
 * followed by anything else, or ending the pattern, is an error.
 *
 * <p>Matching walks the value once per backtrack to the last {@code %}: at most
 * O(pattern length &times; value length) steps, no allocation, no regular expression (so no
 * catastrophic backtracking on hostile patterns). Immutable and thread-safe; equal when pattern
 * and escape character are equal.
 */
public final class LikePattern {

    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    private final String pattern;
    private final Integer escape;
    /** Code points to match, or ANY_ONE / ANY_SEQUENCE. */
    private final int[] compiled;

    private LikePattern(String pattern, Integer escape, int[] compiled) {
        this.pattern = pattern;
        this.escape = escape;
        this.compiled = compiled;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern string literal's value
     * @param escape the escape code point, or null for none
     * @throws IllegalArgumentException if the escape character is misused; the message says how
     */
    public static LikePattern compile(String pattern, Integer escape) {
        int[] out = new int[pattern.length()];
        int size = 0;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (escape != null && c == escape) {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the pattern ends with the escape character");
                }
                int escaped = pattern.codePointAt(i);
                i += Character.charCount(escaped);
                if (escaped != '_' && escaped != '%' && escaped != escape) {
                    throw new IllegalArgumentException("the escape character must be followed by '_', '%'"
                            + " or itself, not '" + new String(Character.toChars(escaped)) + "'");
                }
                out[size++] = escaped;
            } else if (c == '_') {
                out[size++] = ANY_ONE;
            } else if (c == '%') {
                // Consecutive '%' mean the same as one.
                if (size == 0 || out[size - 1] != ANY_SEQUENCE) {
                    out[size++] = ANY_SEQUENCE;
                }
            } else {
                out[size++] = c;
            }
        }
        return new LikePattern(pattern, escape, Arrays.copyOf(out, size));
    }

    /** The pattern as written in the selector. */
    public String pattern() {
        return pattern;
    }

    /** The escape code point, or null. */
    public Integer escape() {
        return escape;
    }

    /** Whether {@code value} matches the whole pattern. */
    public boolean matches(String value) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = -1;
        int length = value.length();
        while (v < length) {
            int c = value.codePointAt(v);
            if (p < compiled.length && (compiled[p] == c || compiled[p] == ANY_ONE)) {
                p++;
                v += Character.charCount(c);
            } else if (p < compiled.length && compiled[p] == ANY_SEQUENCE) {
                // Try the shortest expansion first; come back here to grow it by one character.
                starP = p++;
                starV = v;
            } else if (starP >= 0) {
                p = starP + 1;
                starV += Character.charCount(value.codePointAt(starV));
                v = starV;
            } else {
                return false;
            }
        }
        while (p < compiled.length && compiled[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == compiled.length;
    }

    /** Writes {@code 'pattern'} and, if any, {@code ESCAPE 'c'}. */
    void appendTo(StringBuilder out) {
        Literal.appendString(out, pattern);
        if (escape != null) {
            out.append(" ESCAPE ");
            Literal.appendString(out, new String(Character.toChars(escape)));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LikePattern that && that.pattern.equals(pattern)
                && Objects.equals(that.escape, escape);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode() * 31 + Objects.hashCode(escape);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }
}
