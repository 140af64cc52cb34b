/**
 * JNDI for Partita: {@link dev.partita.jndi.PartitaInitialContextFactory} builds a read-only
 * {@link dev.partita.jndi.PartitaContext} from {@code jndi.properties} or an environment map (keys
 * in {@link dev.partita.jndi.JndiEnvironment}: {@code connectionFactory.<name>}, {@code queue.<name>},
 * {@code topic.<name>}, the provider URL, and dynamic {@code dynamicQueues/<name>} and
 * {@code dynamicTopics/<name>} lookups); {@link dev.partita.jndi.PartitaReferences} and
 * {@link dev.partita.jndi.PartitaObjectFactory} carry connection factories and destinations through
 * any other naming service as {@link javax.naming.Reference}s.
 *
 * <p>Everything here is stateless or immutable apart from a context's environment map, and
 * thread-safe. The module depends on {@code partita-provider}, never the other way round: the
 * provider's classes name the object factory only as a string.
 */
package dev.partita.jndi;
