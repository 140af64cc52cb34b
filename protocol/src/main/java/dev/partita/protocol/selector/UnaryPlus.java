package dev.partita.protocol.selector;

import java.util.List;

/** Unary plus: the operand if it is a number, else unknown. */
public record UnaryPlus(Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        Object value = operand.evaluate(context);
        return Values.isNumber(value) ? value : null;
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
    }

    @Override
    public List<Expression> children() {
        return List.of(operand);
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append("+(");
        operand.appendTo(out);
        out.append(')');
    }
}
