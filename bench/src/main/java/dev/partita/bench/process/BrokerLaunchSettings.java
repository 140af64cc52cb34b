package dev.partita.bench.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to start a broker under test; the same for Partita and Kafka, so both JVMs get the same heap
 * and options.
 *
 * @param classpath       classpath of the broker JVM (the benchmark's own runtime classpath
 *                        holds both brokers)
 * @param jvmOptions      heap and GC options, e.g. {@code -Xmx512m}
 * @param workDir         parent of the temporary data directories (same file system for both)
 * @param startupTimeout  how long a broker may take to listen
 */
public record BrokerLaunchSettings(String classpath, List<String> jvmOptions, Path workDir, Duration startupTimeout) {

    public BrokerLaunchSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
