package dev.partita.bench.process;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What every broker under test shares: a {@link ChildJvm} listening on a loopback port, and a
 * temporary directory removed with it. Subclasses only say how their broker starts.
 * Not thread-safe.
 */
public abstract class ChildJvmBroker implements BrokerProcess {

    private final String product;
    private final Path dir;
    private final int port;
    private final ChildJvm jvm;

    protected ChildJvmBroker(String product, Path dir, int port, ChildJvm jvm) {
        this.product = product;
        this.dir = dir;
        this.port = port;
        this.jvm = jvm;
    }

    @Override
    public String product() {
        return product;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public OptionalLong peakResidentBytes() {
        return jvm.peakResidentBytes();
    }

    @Override
    public String logTail(int lines) {
        return jvm.logTail(lines);
    }

    @Override
    public void close() {
        try {
            jvm.close();
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}
