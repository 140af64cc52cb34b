package dev.partita.broker.partition;

import dev.partita.protocol.message.FetchResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A long-poll fetch waiting for at least {@code minBytes} of committed data (or an error such as a
 * leader change) on its partitions, until its deadline; then it answers with whatever is there.
 */
final class DelayedFetch extends DelayedOperation {

    private final Fetcher fetcher;
    private final List<FetchTarget> targets;
    private final int minBytes;
    private final int maxBytes;
    private final CompletableFuture<FetchResponse> answer;

    DelayedFetch(long deadlineMs, Fetcher fetcher, List<FetchTarget> targets, int minBytes, int maxBytes,
                 CompletableFuture<FetchResponse> answer) {
        super(deadlineMs);
        this.fetcher = fetcher;
        this.targets = targets;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.answer = answer;
    }

    @Override
    public boolean tryComplete() {
        if (isCompleted()) {
            return true;
        }
        if (!fetcher.anythingNew(targets)) {
            return false;
        }
        Fetcher.FetchRead read;
        try {
            read = fetcher.readAll(targets, maxBytes);
        } catch (RuntimeException e) {
            if (claim()) {
                answer.completeExceptionally(e);
            }
            return true;
        }
        if (read.bytes() >= minBytes || read.hasError()) {
            if (claim()) {
                answer.complete(read.response());
            }
            return true;
        }
        return false;
    }

    @Override
    protected void onExpiration() {
        try {
            answer.complete(fetcher.readAll(targets, maxBytes).response());
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }
}
