package dev.partita.jndi;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds a {@link PartitaConnectionFactory}, {@link PartitaQueue} or {@link PartitaTopic} from a
 * {@link Reference} in the format {@link PartitaReferences} documents. A naming service calls it
 * (through {@code NamingManager.getObjectInstance}) when a lookup finds such a reference.
 *
 * <p>As {@link ObjectFactory} asks, anything else (not a reference, or a reference to another
 * class) gives null so that other factories may try; a Partita reference without its address, or
 * with an invalid broker URL or name, is a {@link NamingException} (the provider's exception as
 * root cause). Stateless, thread-safe; naming services create it through the public no-argument
 * constructor.
 */
public final class PartitaObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        String className = reference.getClassName();
        String origin = "Reference to " + className;
        if (PartitaConnectionFactory.class.getName().equals(className)) {
            return ProviderObjects.connectionFactory(address(reference, PartitaReferences.BROKER_URL_ADDRESS), origin);
        }
        if (PartitaQueue.class.getName().equals(className)) {
            return ProviderObjects.queue(address(reference, PartitaReferences.NAME_ADDRESS), origin);
        }
        if (PartitaTopic.class.getName().equals(className)) {
            return ProviderObjects.topic(address(reference, PartitaReferences.NAME_ADDRESS), origin);
        }
        return null;
    }

    private static String address(Reference reference, String type) throws NamingException {
        RefAddr address = reference.get(type);
        if (address != null && address.getContent() instanceof String value) {
            return value;
        }
        throw new NamingException("a Reference to " + reference.getClassName() + " needs a StringRefAddr \""
                + type + "\", it has " + (address == null ? "none" : "one holding " + address.getContent()));
    }
}
