package dev.partita.protocol.selector;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The kinds of token the {@link Lexer} produces. */
enum TokenType {
    IDENTIFIER,
    STRING,
    /** A Java integer literal (decimal, hex, octal or binary, optional L), read as a long. */
    EXACT_NUMBER,
    /** A Java floating-point literal (decimal or hex, optional exponent and F/D suffix). */
    APPROXIMATE_NUMBER,
    // Reserved words (case-insensitive; Jakarta Messaging 3.1, section 3.8.1.1).
    NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE, NULL, TRUE, FALSE,
    LEFT_PAREN, RIGHT_PAREN, COMMA,
    PLUS, MINUS, STAR, SLASH,
    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
    END;

    private static final Map<String, TokenType> RESERVED_WORDS = Stream.of(
                    NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE, NULL, TRUE, FALSE)
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /** The reserved word spelled {@code word} in any case, or null if it is not one. */
    static TokenType reservedWord(String word) {
        // Reserved words are ASCII; skip the upper-casing for anything longer than the longest.
        return word.length() > 7 ? null : RESERVED_WORDS.get(word.toUpperCase(Locale.ROOT));
    }

    boolean isReservedWord() {
        return ordinal() >= NOT.ordinal() && ordinal() <= FALSE.ordinal();
    }
}
