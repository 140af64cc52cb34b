package dev.partita.protocol.selector;

import java.util.List;

/**
 * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}. Jakarta Messaging 3.1, section 3.8.1.1:
 * unknown if the identifier is NULL. A non-string value does not match, so {@code LIKE} is false
 * and {@code NOT LIKE} true (consistent with {@link In}).
 */
public record Like(Identifier identifier, LikePattern pattern, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        Object value = identifier.evaluate(context);
        if (value == null) {
            return null;
        }
        boolean matches = value instanceof String s && pattern.matches(s);
        return matches != negated;
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
        out.append(negated ? " NOT LIKE " : " LIKE ");
        pattern.appendTo(out);
        out.append(')');
    }
}
