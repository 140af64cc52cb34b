package dev.partita.provider.session;

import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * The acknowledgement modes a session accepts: {@code AUTO_ACKNOWLEDGE}, {@code CLIENT_ACKNOWLEDGE},
 * {@code DUPS_OK_ACKNOWLEDGE}. {@code SESSION_TRANSACTED} is refused until transactions exist.
 */
public enum AckMode {
    AUTO(Session.AUTO_ACKNOWLEDGE),
    CLIENT(Session.CLIENT_ACKNOWLEDGE),
    DUPS_OK(Session.DUPS_OK_ACKNOWLEDGE);

    private final int jmsValue;

    AckMode(int jmsValue) {
        this.jmsValue = jmsValue;
    }

    /** The {@code Session} constant. */
    public int jmsValue() {
        return jmsValue;
    }

    /**
     * The mode of a session mode constant.
     *
     * @throws JMSException for {@code SESSION_TRANSACTED} (transactions are not supported yet) and
     *         for any value that is not a session mode
     */
    public static AckMode of(int sessionMode) throws JMSException {
        return switch (sessionMode) {
            case Session.AUTO_ACKNOWLEDGE -> AUTO;
            case Session.CLIENT_ACKNOWLEDGE -> CLIENT;
            case Session.DUPS_OK_ACKNOWLEDGE -> DUPS_OK;
            case Session.SESSION_TRANSACTED -> throw NotImplementedYet.transactions();
            default -> throw new JMSException("invalid session mode " + sessionMode + ": use Session.AUTO_ACKNOWLEDGE (1),"
                    + " CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        };
    }
}
