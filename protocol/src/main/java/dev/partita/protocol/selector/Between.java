package dev.partita.protocol.selector;

import java.util.List;

/**
 * {@code value [NOT] BETWEEN low AND high}. As Jakarta Messaging 3.1, section 3.8.1.1 defines it,
 * {@code BETWEEN} is {@code low <= value AND value <= high} and {@code NOT BETWEEN} is
 * {@code value < low OR value > high}, each comparison with the rules of {@link Comparison}; the
 * value is evaluated once.
 */
public record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        Object v = value.evaluate(context);
        if (v == null) {
            return null;
        }
        Object lo = low.evaluate(context);
        Object hi = high.evaluate(context);
        if (negated) {
            return Values.or(Values.compare(ComparisonOperator.LESS, v, lo),
                    Values.compare(ComparisonOperator.GREATER, v, hi));
        }
        return Values.and(Values.compare(ComparisonOperator.GREATER_OR_EQUAL, v, lo),
                Values.compare(ComparisonOperator.LESS_OR_EQUAL, v, hi));
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public List<Expression> children() {
        return List.of(value, low, high);
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append('(');
        value.appendTo(out);
        out.append(negated ? " NOT BETWEEN " : " BETWEEN ");
        low.appendTo(out);
        out.append(" AND ");
        high.appendTo(out);
        out.append(')');
    }
}
