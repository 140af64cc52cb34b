package dev.partita.bench.report;

import dev.partita.bench.workload.ConsumeResult;
import dev.partita.bench.workload.ProduceResult;
import dev.partita.bench.workload.SystemConfig;
import dev.partita.bench.workload.WorkloadSpec;

/**
 * One cell of one round: a configuration running one workload. {@code produce} and {@code consume}
 * are null when the cell failed; {@code failure} then says why.
 */
public record Measurement(int round, SystemConfig config, WorkloadSpec spec, ProduceResult produce,
                          ConsumeResult consume, String failure) {

    public static Measurement succeeded(int round, SystemConfig config, WorkloadSpec spec, ProduceResult produce,
                                        ConsumeResult consume) {
        return new Measurement(round, config, spec, produce, consume, null);
    }

    public static Measurement failed(int round, SystemConfig config, WorkloadSpec spec, String failure) {
        return new Measurement(round, config, spec, null, null, failure);
    }

    public boolean ok() {
        return failure == null;
    }
}
