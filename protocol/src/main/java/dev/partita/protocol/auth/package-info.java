/**
 * Payloads of the authentication handshake: a client sends SASL_HANDSHAKE naming a
 * {@link dev.partita.protocol.auth.SaslMechanism}, then SASL_AUTHENTICATE requests carrying that
 * mechanism's messages. For PLAIN the one message is
 * {@link dev.partita.protocol.auth.PlainCredentials#encode()}. Immutable value types, no I/O.
 */
package dev.partita.protocol.auth;
