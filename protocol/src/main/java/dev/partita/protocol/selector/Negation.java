package dev.partita.protocol.selector;

import java.util.List;

/**
 * Unary minus. A minus sign written right before a numeric literal is folded into the
 * {@link Literal} instead; this node negates anything else (unknown for a non-number and for the
 * negation of {@link Long#MIN_VALUE}).
 */
public record Negation(Expression operand) implements Expression {

    @Override
    public Object evaluate(SelectorContext context) {
        return Values.negate(operand.evaluate(context));
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
        // "-(x)": the parentheses keep a literal operand from being folded when read back.
        out.append("-(");
        operand.appendTo(out);
        out.append(')');
    }
}
