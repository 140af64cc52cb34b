package dev.partita.protocol.selector;

import java.util.List;

/**
 * A node of a parsed selector: immutable, thread-safe, comparable with {@code equals}.
 *
 * <p>{@link #evaluate} returns {@link Boolean}, {@link Long}, {@link Double}, {@link String}
 * (or the {@link Byte}, {@link Short}, {@link Integer} or {@link Float} a property holds), or
 * {@code null} for SQL's unknown (Jakarta Messaging 3.1, section 3.8.1.1: comparison or arithmetic
 * with an unknown value yields unknown). {@link #appendTo} writes the node back as selector text,
 * fully parenthesized, which {@link Selector#parse} reads back to an equal tree.
 */
public sealed interface Expression
        permits Literal, Identifier, Negation, UnaryPlus, Arithmetic, Comparison, Between, In, Like, IsNull,
                And, Or, Not {

    /** Evaluates against one message; null means unknown. Never throws for any message. */
    Object evaluate(SelectorContext context);

    /** The type known before evaluation. */
    ValueType type();

    /** The direct sub-expressions, left to right. */
    List<Expression> children();

    /** Writes this expression as selector text. */
    void appendTo(StringBuilder out);

    /** This expression as selector text. */
    default String toSelectorText() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }
}
