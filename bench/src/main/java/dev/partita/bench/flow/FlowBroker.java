package dev.partita.bench.flow;

import dev.partita.broker.launcher.PartitaServer;

/**
 * The broker JVM of {@link FlowRun}: {@code PartitaServer} exactly as {@code bin/partita} runs it,
 * plus a {@link HeapSampler} printing its heap peaks to the JVM's log.
 */
public final class FlowBroker {

    private FlowBroker() {
    }

    public static void main(String[] args) {
        HeapSampler.start(System.out);
        PartitaServer.main(args);
    }
}
