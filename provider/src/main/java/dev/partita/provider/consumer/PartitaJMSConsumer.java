package dev.partita.provider.consumer;

import static dev.partita.provider.util.JmsExceptions.unchecked;
import static dev.partita.provider.util.JmsExceptions.uncheckedRun;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The simplified API's consumer: a {@link PartitaMessageConsumer} whose checked exceptions become
 * their unchecked twins. {@code receiveBody} hands over only a message whose body is assignable to
 * the class asked for; otherwise it throws {@code MessageFormatRuntimeException} and, in
 * {@code AUTO_ACKNOWLEDGE} and {@code DUPS_OK_ACKNOWLEDGE} mode, the message is delivered again
 * (in {@code CLIENT_ACKNOWLEDGE} mode it counts as delivered, as the spec says).
 *
 * <p>Thread-safety as {@link PartitaMessageConsumer}.
 */
public final class PartitaJMSConsumer implements JMSConsumer {

    private final PartitaMessageConsumer consumer;

    public PartitaJMSConsumer(PartitaMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        uncheckedRun(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return unchecked(() -> consumer.receiveBody(c, -1));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return unchecked(() -> consumer.receiveBody(c, timeout == 0 ? -1 : timeout));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return unchecked(() -> consumer.receiveBody(c, 0));
    }

    @Override
    public String toString() {
        return "PartitaJMSConsumer(" + consumer + ")";
    }
}
