package dev.partita.protocol.selector;

/**
 * A message selector is not valid: its syntax is wrong, a literal is out of range, an operator is
 * applied to operands of a type it does not accept, or the selector exceeds {@link SelectorLimits}.
 * The JMS provider maps it to {@code jakarta.jms.InvalidSelectorException} (Jakarta Messaging 3.1,
 * section 3.8.1.1: a syntactically incorrect selector is rejected when it is presented).
 *
 * <p>{@link #getMessage()} reads like {@code unexpected token 'AND' at column 12: expected an
 * expression}; {@link #column()} is the 1-based index of the offending {@code char} in the
 * selector string (line breaks count as one character, like any other; a supplementary character
 * counts as two, as in {@link String#charAt}).
 */
public final class SelectorSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int column;

    /**
     * @param message the complete message, already naming the column
     * @param column the 1-based column where the problem starts
     */
    public SelectorSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    /** The 1-based column (character index + 1) where the problem starts. */
    public int column() {
        return column;
    }
}
