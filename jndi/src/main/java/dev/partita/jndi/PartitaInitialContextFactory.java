package dev.partita.jndi;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * The JNDI entry point of Partita: name it in {@code jndi.properties} as
 * {@code java.naming.factory.initial=dev.partita.jndi.PartitaInitialContextFactory} (or put it in
 * the environment of {@code new InitialContext(env)}) and the context holds the connection
 * factories, queues and topics the environment's keys describe (see {@link JndiEnvironment}).
 *
 * <p>Each call builds a new {@link PartitaContext} from the environment it is given; the factory
 * keeps no state and is thread-safe.
 */
public final class PartitaInitialContextFactory implements InitialContextFactory {

    /**
     * A read-only context with the bindings of {@code environment}.
     *
     * @throws NamingException if a key is malformed, a broker URL or destination name invalid (with
     *     the provider's exception as root cause), or two keys bind the same name
     */
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        return new PartitaContext(env, JndiEnvironment.bindings(env));
    }
}
