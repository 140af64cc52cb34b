package dev.partita.protocol.selector;

import java.util.List;

/**
 * {@code a AND b AND ...}, flat so long chains cost no stack depth. SQL three-valued logic: false
 * if any operand is false, else unknown if any is unknown (or not a boolean), else true. Stops at
 * the first false, left to right.
 */
public record And(List<Expression> operands) implements Expression {

    /** Copies the operands; there must be at least two. */
    public And {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("AND needs at least two operands");
        }
    }

    @Override
    public Object evaluate(SelectorContext context) {
        Boolean result = Boolean.TRUE;
        for (int i = 0; i < operands.size(); i++) {
            Boolean value = Values.condition(operands.get(i).evaluate(context));
            if (Boolean.FALSE.equals(value)) {
                return Boolean.FALSE;
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
        Or.appendJoined(out, operands, " AND ");
    }
}
