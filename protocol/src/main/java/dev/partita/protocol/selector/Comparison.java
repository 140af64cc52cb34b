package dev.partita.protocol.selector;

import java.util.List;

/**
 * A comparison. Unknown if either side is unknown; false for values of unlike types and for
 * strings or booleans compared by anything but {@code =} and {@code <>} (see {@link Values#compare}).
 */
public record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        Object l = left.evaluate(context);
        if (l == null) {
            return null;
        }
        return Values.compare(operator, l, right.evaluate(context));
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public List<Expression> children() {
        return List.of(left, right);
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append('(');
        left.appendTo(out);
        out.append(' ').append(operator.symbol()).append(' ');
        right.appendTo(out);
        out.append(')');
    }
}
