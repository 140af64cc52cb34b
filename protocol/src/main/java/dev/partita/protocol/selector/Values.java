package dev.partita.protocol.selector;

/**
 * The evaluation rules shared by the expression nodes: which Java values a selector understands,
 * comparison and arithmetic with Java numeric promotion, and SQL three-valued logic with
 * {@code null} as unknown (Jakarta Messaging 3.1, section 3.8.1.1). Allocates nothing except the
 * boxes of arithmetic results.
 */
final class Values {

    private Values() {
    }

    /** The value if it is one of the types a property can have, else null (unknown). */
    static Object normalize(Object value) {
        return value instanceof String || value instanceof Boolean || isNumber(value) ? value : null;
    }

    static boolean isNumber(Object value) {
        return isIntegral(value) || value instanceof Double || value instanceof Float;
    }

    static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** Boolean.TRUE, Boolean.FALSE, or null for unknown (a non-boolean counts as unknown). */
    static Boolean condition(Object value) {
        return value instanceof Boolean b ? b : null;
    }

    /** SQL AND of two conditions. */
    static Boolean and(Boolean left, Boolean right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return Boolean.FALSE;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    /** SQL OR of two conditions. */
    static Boolean or(Boolean left, Boolean right) {
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
            return Boolean.TRUE;
        }
        return left == null || right == null ? null : Boolean.FALSE;
    }

    /**
     * Compares two values: unknown if either is null; numbers of any kind with each other after
     * promotion to long or double; strings and booleans only by {@code =} and {@code <>}. Any other
     * pairing ("non-like types", or strings ordered by {@code <}) is false.
     */
    static Boolean compare(ComparisonOperator operator, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        if (isIntegral(left) && isIntegral(right)) {
            return operator.test(Long.compare(((Number) left).longValue(), ((Number) right).longValue()));
        }
        if (isNumber(left) && isNumber(right)) {
            return compareDoubles(operator, ((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        if (!operator.isEquality()) {
            return Boolean.FALSE;
        }
        boolean sameType = (left instanceof String && right instanceof String)
                || (left instanceof Boolean && right instanceof Boolean);
        if (!sameType) {
            return Boolean.FALSE;
        }
        return left.equals(right) == (operator == ComparisonOperator.EQUAL);
    }

    /** Java's double comparison: every comparison with NaN is false except {@code <>}. */
    private static Boolean compareDoubles(ComparisonOperator operator, double left, double right) {
        return switch (operator) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }

    /**
     * Applies an arithmetic operator: unknown unless both are numbers; long arithmetic when both
     * are integral (unknown on overflow and on division by zero), else double arithmetic with
     * Java's IEEE 754 results (division by zero gives an infinity or NaN).
     */
    static Object arithmetic(ArithmeticOperator operator, Object left, Object right) {
        if (!isNumber(left) || !isNumber(right)) {
            return null;
        }
        if (isIntegral(left) && isIntegral(right)) {
            return longArithmetic(operator, ((Number) left).longValue(), ((Number) right).longValue());
        }
        double x = ((Number) left).doubleValue();
        double y = ((Number) right).doubleValue();
        return switch (operator) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
        };
    }

    private static Long longArithmetic(ArithmeticOperator operator, long x, long y) {
        long result;
        switch (operator) {
            case ADD -> {
                result = x + y;
                if (((x ^ result) & (y ^ result)) < 0) {
                    return null;
                }
            }
            case SUBTRACT -> {
                result = x - y;
                if (((x ^ y) & (x ^ result)) < 0) {
                    return null;
                }
            }
            case MULTIPLY -> {
                result = x * y;
                if (Math.multiplyHigh(x, y) != (result >> 63)) {
                    return null;
                }
            }
            case DIVIDE -> {
                if (y == 0 || (x == Long.MIN_VALUE && y == -1)) {
                    return null;
                }
                result = x / y;
            }
            default -> throw new AssertionError(operator);
        }
        return result;
    }

    /** Unary minus: unknown for non-numbers and for the negation of {@link Long#MIN_VALUE}. */
    static Object negate(Object value) {
        if (isIntegral(value)) {
            long x = ((Number) value).longValue();
            return x == Long.MIN_VALUE ? null : Long.valueOf(-x);
        }
        if (isNumber(value)) {
            return -((Number) value).doubleValue();
        }
        return null;
    }
}
