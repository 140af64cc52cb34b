package dev.partita.protocol.selector;

import java.util.List;

/** {@code NOT a}: true for false, false for true, unknown for unknown (or a non-boolean). */
public record Not(Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        Boolean value = Values.condition(operand.evaluate(context));
        return value == null ? null : Boolean.valueOf(!value);
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public List<Expression> children() {
        return List.of(operand);
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append("(NOT ");
        operand.appendTo(out);
        out.append(')');
    }
}
