package dev.partita.protocol.jms;

import dev.partita.protocol.message.PartitaException;

/**
 * A record whose JMS headers or body do not follow the encoding of this package: an unknown type
 * tag, a value of the wrong size, invalid UTF-8, a duplicate header, or more headers, longer
 * strings or more body entries than the {@link JmsCodecLimits} allow. The message says which
 * header or entry and why.
 */
public class MalformedJmsRecordException extends PartitaException {

    private static final long serialVersionUID = 1L;

    public MalformedJmsRecordException(String message) {
        super(message);
    }

    public MalformedJmsRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
