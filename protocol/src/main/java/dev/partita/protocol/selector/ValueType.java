package dev.partita.protocol.selector;

/**
 * The type of an expression as far as the parser can tell before any message is seen. Property
 * references are {@link #ANY}: their type is whatever the message set.
 */
public enum ValueType {
    BOOLEAN("boolean"),
    NUMERIC("numeric"),
    STRING("a string"),
    ANY("of any type");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** Whether a value of this static type may be a number at evaluation time. */
    boolean mayBeNumeric() {
        return this == NUMERIC || this == ANY;
    }

    /** Whether a value of this static type may be a boolean at evaluation time. */
    boolean mayBeBoolean() {
        return this == BOOLEAN || this == ANY;
    }

    /** How error messages name the type ("is numeric", "is a string"). */
    String description() {
        return description;
    }
}
