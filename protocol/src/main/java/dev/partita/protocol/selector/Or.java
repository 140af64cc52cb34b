package dev.partita.protocol.selector;

import java.util.List;

/**
 * {@code a OR b OR ...}, flat so long chains cost no stack depth. SQL three-valued logic: true if
 * any operand is true, else unknown if any is unknown (or not a boolean), else false. Stops at the
 * first true, left to right.
 */
public record Or(List<Expression> operands) implements Expression {

    /** Copies the operands; there must be at least two. */
    public Or {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("OR needs at least two operands");
        }
    }

    @Override
    public Object evaluate(SelectorContext context) {
        Boolean result = Boolean.FALSE;
        for (int i = 0; i < operands.size(); i++) {
            Boolean value = Values.condition(operands.get(i).evaluate(context));
            if (Boolean.TRUE.equals(value)) {
                return Boolean.TRUE;
            }
            if (value == null) {
                result = null;
            }
        }
        return result;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public List<Expression> children() {
        return operands;
    }

    @Override
    public void appendTo(StringBuilder out) {
        appendJoined(out, operands, " OR ");
    }

    static void appendJoined(StringBuilder out, List<Expression> operands, String separator) {
        out.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            operands.get(i).appendTo(out);
        }
        out.append(')');
    }
}
