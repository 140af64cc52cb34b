package dev.partita.protocol.selector;

/** The binary arithmetic operators of Jakarta Messaging 3.1, section 3.8.1.1. */
public enum ArithmeticOperator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written in a selector. */
    public String symbol() {
        return symbol;
    }
}
