/**
 * The messages of the Partita wire protocol: {@link dev.partita.protocol.message.ApiKey} (which
 * APIs exist, their versions), {@link dev.partita.protocol.message.Errors} (the one error-code
 * enum and its exceptions), the request and response records of every API, and the value types
 * they share ({@link dev.partita.protocol.message.TopicKey}, {@link dev.partita.protocol.message.Acks},
 * {@link dev.partita.protocol.message.IsolationLevel}, {@link dev.partita.protocol.message.SubscriptionKey}
 * (the tuple naming a subscription), {@link dev.partita.protocol.message.DeliveryRange}).
 *
 * <p>These types are plain immutable data; their byte layout and the codecs live in
 * {@code dev.partita.protocol.frame}. All types here are immutable and thread-safe, except that
 * a message's {@code Records} are only as immutable as their buffer.
 */
package dev.partita.protocol.message;
