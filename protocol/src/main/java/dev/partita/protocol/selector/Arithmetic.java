package dev.partita.protocol.selector;

import java.util.List;

/**
 * A binary arithmetic operation. Java numeric promotion, carried out in {@code long} for integral
 * operands and {@code double} otherwise; unknown if an operand is unknown or not a number, on
 * {@code long} overflow and on integral division by zero (see {@link Values#arithmetic}).
 */
public record Arithmetic(ArithmeticOperator operator, Expression left, Expression right) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        Object l = left.evaluate(context);
        if (l == null) {
            return null;
        }
        return Values.arithmetic(operator, l, right.evaluate(context));
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
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
