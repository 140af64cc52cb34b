package dev.partita.protocol.selector;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)}. Jakarta Messaging 3.1, section 3.8.1.1: unknown if
 * the identifier is NULL; {@code IN} is {@code identifier = 'a' OR identifier = 'b' ...} and
 * {@code NOT IN} is {@code NOT} of that, so a non-string value makes {@code IN} false and
 * {@code NOT IN} true. Membership is a hash lookup however long the list.
 *
 * @param identifier the tested identifier
 * @param values the string literals, in the order written, duplicates removed; unmodifiable
 * @param negated whether it is {@code NOT IN}
 */
public record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {

    /** Copies the values into an unmodifiable, insertion-ordered set; there must be one or more, none null. */
    public In {
        Set<String> copy = new LinkedHashSet<>(values);
        if (copy.isEmpty() || copy.contains(null)) {
            throw new IllegalArgumentException("IN needs one or more non-null values: " + values);
        }
        values = Collections.unmodifiableSet(copy);
    }

    @Override
    public Object evaluate(SelectorContext context) {
        Object value = identifier.evaluate(context);
        if (value == null) {
            return null;
        }
        boolean member = value instanceof String s && values.contains(s);
        return member != negated;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public List<Expression> children() {
        return List.of(identifier);
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append('(');
        identifier.appendTo(out);
        out.append(negated ? " NOT IN (" : " IN (");
        boolean first = true;
        for (String value : values) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            Literal.appendString(out, value);
        }
        out.append("))");
    }
}
