package dev.partita.bench;

import dev.partita.bench.process.BrokerLaunchSettings;
import dev.partita.bench.workload.ClientSettings;
import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.WorkloadSpec;
import java.util.List;

/**
 * Everything a perf run does, decided before it starts: rounds, the workload cells, the broker
 * configurations, the shared client settings, how brokers are launched, and the warm-up.
 */
public record RunPlan(int rounds, List<WorkloadSpec> specs, List<SystemConfig> configs, ClientSettings client,
                      BrokerLaunchSettings launch, long warmupBytes) {

    public RunPlan {
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round");
        }
        specs = List.copyOf(specs);
        configs = List.copyOf(configs);
    }

    /** The configurations of one product, in the order given. */
    public List<SystemConfig> configsOf(SystemConfig.Product product) {
        return configs.stream().filter(c -> c.product() == product).toList();
    }
}
