package dev.partita.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NameClassPair;
import javax.naming.NamingException;
import javax.naming.spi.NamingManager;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever names and destination names a configuration uses, lookups and references give them back. */
class NamingProperties {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<Map<String, String>> bindings() {
        return Arbitraries.maps(names().filter(name -> !name.equals("ConnectionFactory")), names())
                .ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 200)
    void everyBoundNameLooksUpItsDestination(@ForAll("bindings") Map<String, String> destinations)
            throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        List<String> queues = new ArrayList<>();
        for (Map.Entry<String, String> binding : destinations.entrySet()) {
            // Alternate the kinds so both prefixes see every sort of name.
            boolean queue = env.size() % 2 == 0;
            if (queue) {
                queues.add(binding.getKey());
            }
            env.put((queue ? "queue." : "topic.") + binding.getKey(), binding.getValue());
        }
        Context context = new PartitaInitialContextFactory().getInitialContext(env);

        for (Map.Entry<String, String> binding : destinations.entrySet()) {
            PartitaDestination expected = queues.contains(binding.getKey())
                    ? new PartitaQueue(binding.getValue()) : new PartitaTopic(binding.getValue());
            assertThat(context.lookup(binding.getKey())).isEqualTo(expected);
        }
        List<String> listed = new ArrayList<>();
        for (NameClassPair pair : Collections.list(context.list(""))) {
            listed.add(pair.getName());
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                concat(destinations.keySet(), JndiEnvironment.DEFAULT_CONNECTION_FACTORY_NAME));
    }

    @Property(tries = 200)
    void dynamicNamesAndReferencesKeepAnyDestinationName(@ForAll("names") String name) throws Exception {
        Context context = new PartitaInitialContextFactory().getInitialContext(new Hashtable<>());
        PartitaQueue queue = (PartitaQueue) context.lookup("dynamicQueues/" + name);
        PartitaTopic topic = (PartitaTopic) context.lookup("dynamicTopics/" + name);
        assertThat(queue.getQueueName()).isEqualTo(name);
        assertThat(topic.getTopicName()).isEqualTo(name);
        for (PartitaDestination destination : List.of(queue, topic)) {
            Object rebuilt = NamingManager.getObjectInstance(PartitaReferences.referenceFor(destination),
                    null, null, new Hashtable<>());
            assertThat(rebuilt).isEqualTo(destination);
        }
    }

    private static List<String> concat(Collection<String> names, String more) {
        List<String> all = new ArrayList<>(names);
        all.add(more);
        return all;
    }
}
