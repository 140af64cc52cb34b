/**
 * JMS sessions: {@link dev.partita.provider.session.PartitaSession} (message factories, destinations,
 * producers; receiving not implemented yet), {@link dev.partita.provider.session.AckMode} and
 * {@link dev.partita.provider.session.NotImplementedYet} (the exceptions of the methods still to come).
 */
package dev.partita.provider.session;
