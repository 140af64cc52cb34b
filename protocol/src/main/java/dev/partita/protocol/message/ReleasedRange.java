package dev.partita.protocol.message;

import java.util.Objects;

/**
 * Offsets a session gives back. {@code delivered} says whether they reached the application:
 * only then does their delivery count go up (recover, rollback), while prefetched offsets the
 * application never saw (consumer close) go back unchanged.
 */
public record ReleasedRange(DeliveryRange range, boolean delivered) {

    public ReleasedRange {
        Objects.requireNonNull(range, "range");
    }
}
