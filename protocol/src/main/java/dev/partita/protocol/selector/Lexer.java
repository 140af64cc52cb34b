package dev.partita.protocol.selector;

/**
 * Splits a selector into {@link Token}s on demand, one at a time, so the first error reported is
 * the leftmost one. Follows the lexical rules of Jakarta Messaging 3.1, section 3.8.1.1: Java
 * whitespace (space, tab, form feed, line terminators), string literals in single quotes with
 * {@code ''} for a quote, Java identifiers, Java integer and floating-point literal syntax, and
 * reserved words in any case. Numeric literals are only checked for syntax here; their values
 * are computed by {@link NumericLiterals}, which needs to know whether a minus sign precedes them.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class Lexer {

    private final String source;
    private int position;

    Lexer(String source) {
        this.source = source;
    }

    /** The next token; {@link TokenType#END} at the end, forever. */
    Token next() throws SelectorSyntaxException {
        skipWhitespace();
        if (position >= source.length()) {
            return new Token(TokenType.END, "", position + 1);
        }
        int start = position;
        char c = source.charAt(position);
        if (c == '\'') {
            return stringLiteral();
        }
        if (isDigit(c) || (c == '.' && position + 1 < source.length() && isDigit(source.charAt(position + 1)))) {
            return numericLiteral();
        }
        int codePoint = source.codePointAt(position);
        if (Character.isJavaIdentifierStart(codePoint)) {
            return identifierOrReservedWord();
        }
        position++;
        TokenType type = switch (c) {
            case '(' -> TokenType.LEFT_PAREN;
            case ')' -> TokenType.RIGHT_PAREN;
            case ',' -> TokenType.COMMA;
            case '+' -> TokenType.PLUS;
            case '-' -> TokenType.MINUS;
            case '*' -> TokenType.STAR;
            case '/' -> TokenType.SLASH;
            case '=' -> TokenType.EQUAL;
            case '<' -> {
                if (consume('=')) {
                    yield TokenType.LESS_OR_EQUAL;
                }
                yield consume('>') ? TokenType.NOT_EQUAL : TokenType.LESS;
            }
            case '>' -> consume('=') ? TokenType.GREATER_OR_EQUAL : TokenType.GREATER;
            default -> null;
        };
        if (type == null) {
            throw invalidCharacter(start, codePoint);
        }
        return new Token(type, source.substring(start, position), start + 1);
    }

    private SelectorSyntaxException invalidCharacter(int start, int codePoint) {
        String shown = Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                ? String.format("U+%04X", codePoint)
                : "'" + new String(Character.toChars(codePoint)) + "'";
        String hint = switch (codePoint) {
            case '!' -> " (use '<>' for not equal)";
            case '"' -> " (string literals use single quotes)";
            case '&', '|' -> " (use AND, OR)";
            default -> "";
        };
        return new SelectorSyntaxException(
                "invalid character " + shown + " at column " + (start + 1) + hint, start + 1);
    }

    private void skipWhitespace() {
        while (position < source.length()) {
            char c = source.charAt(position);
            // JLS 3.6 white space: SP, HT, FF and the line terminators LF and CR.
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private boolean consume(char expected) {
        if (position < source.length() && source.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private Token stringLiteral() throws SelectorSyntaxException {
        int start = position;
        StringBuilder value = null;
        int chunkStart = ++position;
        while (true) {
            int quote = source.indexOf('\'', position);
            if (quote < 0) {
                throw new SelectorSyntaxException(
                        "unterminated string literal starting at column " + (start + 1), start + 1);
            }
            if (quote + 1 < source.length() && source.charAt(quote + 1) == '\'') {
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(source, chunkStart, quote + 1);
                position = quote + 2;
                chunkStart = position;
                continue;
            }
            position = quote + 1;
            String text = value == null
                    ? source.substring(chunkStart, quote)
                    : value.append(source, chunkStart, quote).toString();
            return new Token(TokenType.STRING, text, start + 1);
        }
    }

    private Token identifierOrReservedWord() {
        int start = position;
        position += Character.charCount(source.codePointAt(position));
        while (position < source.length()) {
            int codePoint = source.codePointAt(position);
            if (!Character.isJavaIdentifierPart(codePoint)) {
                break;
            }
            position += Character.charCount(codePoint);
        }
        String text = source.substring(start, position);
        TokenType reserved = TokenType.reservedWord(text);
        return new Token(reserved == null ? TokenType.IDENTIFIER : reserved, text, start + 1);
    }

    /** Java integer and floating-point literal syntax (JLS 3.10.1, 3.10.2). */
    private Token numericLiteral() throws SelectorSyntaxException {
        int start = position;
        TokenType type;
        char first = source.charAt(position);
        char second = position + 1 < source.length() ? source.charAt(position + 1) : 0;
        if (first == '0' && (second == 'x' || second == 'X')) {
            type = hexLiteral(start);
        } else if (first == '0' && (second == 'b' || second == 'B')) {
            position += 2;
            requireDigits(digitRun(2, start), start, "binary digits");
            consumeAny("lL");
            type = TokenType.EXACT_NUMBER;
        } else {
            type = decimalLiteral(start);
        }
        if (position < source.length()) {
            char next = source.charAt(position);
            if (next == '.' || Character.isJavaIdentifierPart(source.codePointAt(position))) {
                int end = position + 1;
                while (end < source.length() && (source.charAt(end) == '.'
                        || Character.isJavaIdentifierPart(source.codePointAt(end)))) {
                    end++;
                }
                throw malformed(start, end, "");
            }
        }
        return new Token(type, source.substring(start, position), start + 1);
    }

    private TokenType hexLiteral(int start) throws SelectorSyntaxException {
        position += 2;
        int integerDigits = digitRun(16, start);
        boolean point = consume('.');
        int fractionDigits = point ? digitRun(16, start) : 0;
        if (integerDigits + fractionDigits == 0) {
            throw malformed(start, position, ": hexadecimal digits expected");
        }
        if (consumeAny("pP")) {
            consumeAny("+-");
            requireDigits(digitRun(10, start), start, "exponent digits");
            consumeAny("fFdD");
            return TokenType.APPROXIMATE_NUMBER;
        }
        if (point) {
            throw malformed(start, position, ": a hexadecimal floating-point literal needs a 'p' exponent");
        }
        consumeAny("lL");
        return TokenType.EXACT_NUMBER;
    }

    private TokenType decimalLiteral(int start) throws SelectorSyntaxException {
        int integerDigits = digitRun(10, start);
        boolean approximate = false;
        if (consume('.')) {
            approximate = true;
            digitRun(10, start);
        }
        if (consumeAny("eE")) {
            approximate = true;
            consumeAny("+-");
            requireDigits(digitRun(10, start), start, "exponent digits");
        }
        if (consumeAny("fFdD")) {
            return TokenType.APPROXIMATE_NUMBER;
        }
        if (approximate) {
            return TokenType.APPROXIMATE_NUMBER;
        }
        consumeAny("lL");
        String digits = source.substring(start, start + integerDigits).replace("_", "");
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            for (int i = 1; i < digits.length(); i++) {
                if (digits.charAt(i) > '7') {
                    throw malformed(start, position, ": octal literals use digits 0-7");
                }
            }
        }
        return TokenType.EXACT_NUMBER;
    }

    /**
     * Consumes digits of {@code radix} (hex and binary digit checks are exact, decimal also admits
     * 8 and 9 for octal, checked later) with underscores between them, as Java allows.
     *
     * @return the number of chars consumed
     */
    private int digitRun(int radix, int literalStart) throws SelectorSyntaxException {
        int start = position;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c != '_' && Character.digit(c, radix) < 0) {
                break;
            }
            position++;
        }
        if (position > start && (source.charAt(start) == '_' || source.charAt(position - 1) == '_')) {
            throw malformed(literalStart, position, ": '_' is only allowed between digits");
        }
        return position - start;
    }

    private void requireDigits(int count, int literalStart, String what) throws SelectorSyntaxException {
        if (count == 0) {
            throw malformed(literalStart, position, ": " + what + " expected");
        }
    }

    private boolean consumeAny(String chars) {
        if (position < source.length() && chars.indexOf(source.charAt(position)) >= 0) {
            position++;
            return true;
        }
        return false;
    }

    private SelectorSyntaxException malformed(int start, int end, String detail) {
        String text = source.substring(start, Math.min(Math.max(end, start + 1), source.length()));
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return new SelectorSyntaxException(
                "malformed numeric literal '" + text + "' at column " + (start + 1) + detail, start + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
