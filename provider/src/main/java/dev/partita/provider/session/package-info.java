/**
 * JMS sessions: {@link dev.partita.provider.session.PartitaSession} (message factories, destinations,
 * producers, temporary destinations; receiving is delegated to the {@code consumer} package), {@link dev.partita.provider.session.AckMode} and
 * {@link dev.partita.provider.session.NotImplementedYet} (the exceptions of what is deferred: transactions, delivery delay).
 */
package dev.partita.provider.session;
