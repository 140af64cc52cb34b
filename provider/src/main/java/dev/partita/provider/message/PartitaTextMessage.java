package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsBodyCodec;
import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.MalformedJmsRecordException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

/**
 * A text message: the body is a string (or null), sent as UTF-8. Readable in every state,
 * writable until received (then after {@code clearBody}). Not thread-safe.
 */
public class PartitaTextMessage extends PartitaMessage implements TextMessage {

    private String text;

    public PartitaTextMessage() {
    }

    public PartitaTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public JmsBodyType bodyType() {
        return JmsBodyType.TEXT;
    }

    @Override
    boolean hasBody() {
        return text != null;
    }

    @Override
    Object bodyValue() {
        return text;
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    byte[] encodeBody() {
        return JmsBodyCodec.encodeText(text);
    }

    @Override
    void decodeBody(byte[] body, JmsCodecLimits limits) throws JMSException {
        try {
            text = JmsBodyCodec.decodeText(body, limits);
        } catch (MalformedJmsRecordException e) {
            throw formatError(e);
        }
    }

    static MessageFormatException formatError(MalformedJmsRecordException e) {
        MessageFormatException error = new MessageFormatException("the received body is malformed: " + e.getMessage());
        error.initCause(e);
        return error;
    }
}
