package dev.partita.provider.session;

import jakarta.jms.JMSException;

/**
 * The exceptions of the JMS methods this provider does not implement yet, each with a message that
 * says so, so no caller mistakes them for a failure of its own: transactions and delivery delays
 * above 0, which come with later issues. provider/README.md lists every method that throws one of
 * these.
 */
public final class NotImplementedYet {

    /** The error code of every exception made here. */
    public static final String ERROR_CODE = "NOT_IMPLEMENTED";

    private NotImplementedYet() {
    }

    /** For a transacted session. */
    public static JMSException transactions() {
        return new JMSException("transactions are not supported yet: use AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE"
                + " or DUPS_OK_ACKNOWLEDGE", ERROR_CODE);
    }

    /** For a delivery delay above 0. */
    public static JMSException deliveryDelay(long delayMs) {
        return new JMSException("delivery delay is not supported yet: only 0 is accepted, not " + delayMs + " ms", ERROR_CODE);
    }
}
