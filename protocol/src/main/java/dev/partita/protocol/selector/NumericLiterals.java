package dev.partita.protocol.selector;

/**
 * Values of the numeric literals the {@link Lexer} accepted. Jakarta Messaging 3.1, section
 * 3.8.1.1: exact numeric literals use the Java integer literal syntax and cover the range of
 * {@code long}; approximate ones use the Java floating-point literal syntax and cover the range of
 * {@code double}.
 *
 * <p>Every exact literal is read as a {@code long}, with or without the {@code L} suffix (so
 * {@code 0xFFFFFFFF} is 4294967295, not -1 as a Java {@code int} literal would be). As in Java,
 * {@code 9223372036854775808} is accepted only right after a minus sign, and hex, octal and binary
 * literals may use all 64 bits ({@code 0xFFFFFFFFFFFFFFFF} is -1). A literal with an {@code F}
 * suffix is rounded to {@code float} first, then widened to {@code double}, as Java does. A
 * floating-point literal that rounds to infinity, or a non-zero one that rounds to zero, is
 * rejected, as the Java compiler rejects it.
 */
final class NumericLiterals {

    private NumericLiterals() {
    }

    static long exactValue(Token token, boolean negative) throws SelectorSyntaxException {
        String text = token.text().replace("_", "");
        char last = text.charAt(text.length() - 1);
        if (last == 'l' || last == 'L') {
            text = text.substring(0, text.length() - 1);
        }
        int radix = 10;
        String digits = text;
        if (text.length() > 1 && text.charAt(0) == '0') {
            char marker = text.charAt(1);
            if (marker == 'x' || marker == 'X') {
                radix = 16;
                digits = text.substring(2);
            } else if (marker == 'b' || marker == 'B') {
                radix = 2;
                digits = text.substring(2);
            } else {
                radix = 8;
                digits = text.substring(1);
            }
        }
        try {
            if (radix == 10) {
                return Long.parseLong(negative ? "-" + digits : digits);
            }
            long value = Long.parseUnsignedLong(digits, radix);
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw new SelectorSyntaxException("exact numeric literal '" + (negative ? "-" : "")
                    + abbreviate(token.text()) + "' at column " + token.column()
                    + " is outside the range of long", token.column());
        }
    }

    static double approximateValue(Token token, boolean negative) throws SelectorSyntaxException {
        String text = token.text().replace("_", "");
        char last = text.charAt(text.length() - 1);
        boolean hex = text.length() > 1 && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
        boolean isFloat = last == 'f' || last == 'F';
        if (isFloat || last == 'd' || last == 'D') {
            text = text.substring(0, text.length() - 1);
        }
        // The lexer checked the syntax, which both parse methods accept.
        double value = isFloat ? Float.parseFloat(text) : Double.parseDouble(text);
        if (Double.isInfinite(value) || (value == 0 && hasNonZeroDigit(text, hex))) {
            throw new SelectorSyntaxException("approximate numeric literal '" + abbreviate(token.text())
                    + "' at column " + token.column() + " is outside the range of "
                    + (isFloat ? "float" : "double"), token.column());
        }
        return negative ? -value : value;
    }

    /** Whether the significand (the part before the exponent) has a non-zero digit. */
    private static boolean hasNonZeroDigit(String text, boolean hex) {
        for (int i = hex ? 2 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) {
                return false;
            }
            if (c != '0' && c != '.') {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
