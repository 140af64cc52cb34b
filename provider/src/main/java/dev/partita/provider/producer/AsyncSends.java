package dev.partita.provider.producer;

import dev.partita.client.producer.RecordMetadata;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incomplete asynchronous sends of one session, and the calls of their
 * {@code CompletionListener}s: on the connection's completion thread, in the order of the sends
 * (spec 7.3.8), even when a later send is acknowledged first (another destination, another
 * partition). {@link #awaitAll} is what {@code close} waits on. While a listener runs,
 * {@link #inListenerOf} tells the session (and its connection) that closing it from there is refused.
 *
 * <p>Thread-safe: sends are added by the session's thread, completed on the completion thread.
 */
public final class AsyncSends {

    private static final Logger log = LoggerFactory.getLogger(AsyncSends.class);
    /** The owner (session) whose listener runs on this thread, if any. */
    private static final ThreadLocal<Object> RUNNING_LISTENER_OF = new ThreadLocal<>();

    private final Object owner;
    private final Executor completions;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by this

    private static final class Pending {
        final Message message;
        final CompletionListener listener;
        final String what;
        final Runnable afterListener;
        boolean done; // guarded by AsyncSends.this
        Throwable failure; // guarded by AsyncSends.this

        Pending(Message message, CompletionListener listener, String what, Runnable afterListener) {
            this.message = message;
            this.listener = listener;
            this.what = what;
            this.afterListener = afterListener;
        }
    }

    public AsyncSends(Object owner, Executor completions) {
        this.owner = owner;
        this.completions = completions;
    }

    /** True when the current thread runs a completion listener of {@code owner}'s sends. */
    public static boolean inListenerOf(Object owner) {
        return RUNNING_LISTENER_OF.get() == owner;
    }

    /** The owner whose completion listener the current thread runs, or null. */
    public static Object runningListenerOwner() {
        return RUNNING_LISTENER_OF.get();
    }

    /**
     * Registers a send whose listener is called when {@code sent} completes and every earlier send
     * of this owner had its call. {@code onFailure} sees each failure first (on the completion thread).
     */
    public void add(CompletableFuture<RecordMetadata> sent, Message message, CompletionListener listener, String what,
                    Consumer<JMSException> onFailure) {
        add(sent, message, listener, what, onFailure, () -> { });
    }

    /**
     * As {@link #add(CompletableFuture, Message, CompletionListener, String, Consumer)};
     * {@code afterListener} runs once the listener returned (or threw), when the message is no
     * longer kept: it gives back the buffer memory the message object was counted in.
     */
    public void add(CompletableFuture<RecordMetadata> sent, Message message, CompletionListener listener, String what,
                    Consumer<JMSException> onFailure, Runnable afterListener) {
        Pending entry = new Pending(message, listener, what, afterListener);
        synchronized (this) {
            pending.addLast(entry);
        }
        sent.whenCompleteAsync((metadata, error) -> {
            synchronized (this) {
                entry.done = true;
                entry.failure = error;
            }
            drain(onFailure);
        }, completions);
    }

    /** Calls the listeners of the completed sends at the head of the queue, in order. Completion thread only. */
    private void drain(Consumer<JMSException> onFailure) {
        while (true) {
            Pending head;
            synchronized (this) {
                head = pending.peekFirst();
                if (head == null || !head.done) {
                    return;
                }
            }
            RUNNING_LISTENER_OF.set(owner);
            try {
                if (head.failure == null) {
                    head.listener.onCompletion(head.message);
                } else {
                    JMSException error = JmsExceptions.toJms(head.what, head.failure);
                    onFailure.accept(error);
                    head.listener.onException(head.message, error);
                }
            } catch (RuntimeException e) {
                log.warn("a CompletionListener threw; the send itself {}", head.failure == null ? "succeeded" : "failed", e);
            } finally {
                RUNNING_LISTENER_OF.remove();
                synchronized (this) {
                    pending.pollFirst();
                    notifyAll();
                }
                release(head);
            }
        }
    }

    private static void release(Pending done) {
        try {
            done.afterListener.run();
        } catch (RuntimeException e) {
            log.warn("giving back the memory of a completed send failed", e);
        }
    }

    /** How many sends still wait for their listener call. */
    public synchronized int size() {
        return pending.size();
    }

    /**
     * Waits until every send registered so far had its listener called, up to {@code timeoutMs}.
     *
     * @return false when some were still incomplete at the deadline
     */
    public synchronized boolean awaitAll(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!pending.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
