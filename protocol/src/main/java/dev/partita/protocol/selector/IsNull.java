package dev.partita.protocol.selector;

import java.util.List;

/**
 * {@code identifier IS [NOT] NULL}: never unknown. A value of a type selectors do not understand
 * counts as NULL, like a missing property.
 */
public record IsNull(Identifier identifier, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        return (identifier.evaluate(context) == null) != negated;
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
        out.append(negated ? " IS NOT NULL)" : " IS NULL)");
    }
}
