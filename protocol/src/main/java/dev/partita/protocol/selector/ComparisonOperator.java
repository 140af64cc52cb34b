package dev.partita.protocol.selector;

/** The comparison operators of Jakarta Messaging 3.1, section 3.8.1.1. */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written in a selector. */
    public String symbol() {
        return symbol;
    }

    /** {@code =} and {@code <>}: the only comparisons strings and booleans support. */
    public boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    /** Whether a {@code compareTo}-style result satisfies this operator. */
    Boolean test(int comparison) {
        boolean result = switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
        return result;
    }
}
