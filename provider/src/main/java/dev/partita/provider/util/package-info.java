/**
 * Helpers shared by the provider's API objects: {@link dev.partita.provider.util.JmsExceptions}, the
 * one translator from client errors to {@code JMSException}s and from those to the unchecked
 * exceptions of the simplified API.
 */
package dev.partita.provider.util;
