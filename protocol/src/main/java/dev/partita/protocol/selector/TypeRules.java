package dev.partita.protocol.selector;

/**
 * The type rules the {@link Parser} applies as it builds each node, wherever the operand types are
 * known before any message is seen (Jakarta Messaging 3.1, section 3.8.1.1): conditions where
 * {@code AND}, {@code OR}, {@code NOT} expect them, numbers for arithmetic and {@code BETWEEN},
 * only {@code =} and {@code <>} for strings and booleans, and an identifier on the left of
 * {@code IN}, {@code LIKE} and {@code IS NULL}. Operands of type {@link ValueType#ANY} (property
 * references) always pass: their type is checked at evaluation time.
 */
final class TypeRules {

    private TypeRules() {
    }

    static void requireComparable(ComparisonOperator operator, Token token, Expression left, Expression right)
            throws SelectorSyntaxException {
        if (operator.isEquality()) {
            // Unlike types are legal here: the spec defines the comparison as false.
            return;
        }
        for (Expression side : new Expression[] {left, right}) {
            if (side.type() == ValueType.STRING || side.type() == ValueType.BOOLEAN) {
                String what = side.type() == ValueType.STRING ? "strings" : "booleans";
                throw new SelectorSyntaxException("'" + token.text() + "' at column " + token.column()
                        + " cannot compare " + what + ": strings and booleans are only compared with '=' and '<>'",
                        token.column());
            }
        }
    }

    static void requireCondition(Expression operand, Token operator, String role) throws SelectorSyntaxException {
        if (!operand.type().mayBeBoolean()) {
            throw new SelectorSyntaxException("'" + operator.text() + "' at column " + operator.column()
                    + " needs boolean " + role + ", but one is " + operand.type().description(),
                    operator.column());
        }
    }

    static void requireNumeric(Expression operand, Token operator, String role)
            throws SelectorSyntaxException {
        if (!operand.type().mayBeNumeric()) {
            throw new SelectorSyntaxException("'" + operator.text() + "' at column " + operator.column()
                    + " needs numeric operands, but its " + role + " is " + operand.type().description(),
                    operator.column());
        }
    }

    static Identifier requireIdentifier(Expression left, Token operator, String what)
            throws SelectorSyntaxException {
        if (left instanceof Identifier identifier) {
            return identifier;
        }
        throw new SelectorSyntaxException(what + " at column " + operator.column()
                + " must follow an identifier (a header field or property name)", operator.column());
    }
}
