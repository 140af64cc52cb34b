/**
 * The simplified API: {@link dev.partita.provider.context.PartitaJMSContext} (a connection shared
 * between contexts made from one another, and one session) and
 * {@link dev.partita.provider.context.PartitaJMSProducer}; unchecked exceptions throughout.
 */
package dev.partita.provider.context;
