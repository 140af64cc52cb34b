package dev.partita.protocol.selector;

/**
 * One lexical token.
 *
 * @param type what it is
 * @param text the source text (for a string literal: its value, quotes removed and {@code ''}
 *     undoubled)
 * @param column the 1-based column of its first character
 */
record Token(TokenType type, String text, int column) {

    /** How an error message names this token. */
    String describe() {
        return switch (type) {
            case END -> "end of selector";
            case STRING -> "string literal '" + abbreviate(text.replace("'", "''")) + "'";
            default -> "token '" + abbreviate(text) + "'";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
