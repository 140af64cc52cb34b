package dev.partita.provider.flow;

import dev.partita.broker.launcher.PartitaServer;

/**
 * The broker of {@link FlowControlIT} in its child JVM: {@code PartitaServer} as users start it,
 * plus a {@link HeapReporter} printing the heap's peaks on standard output.
 */
public final class FlowBrokerMain {

    private FlowBrokerMain() {
    }

    public static void main(String[] args) {
        HeapReporter.start(System.out);
        PartitaServer.main(args);
    }
}
