package dev.partita.client.network;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A {@link DefaultFileRegion} over a channel it does not own: a log segment's channel, shared by
 * every reader of the segment. {@link DefaultFileRegion} closes its channel when released; this
 * one leaves it open. It stays a {@code DefaultFileRegion} subclass because the native epoll
 * transport sends only {@code DefaultFileRegion}s with sendfile (others are copied).
 *
 * <p>Whoever owns the channel must keep it open until the region is written or released.
 * Reference counted like any Netty message; not thread-safe (used on one event loop).
 */
public final class SharedFileRegion extends DefaultFileRegion {

    public SharedFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    /** Releases nothing: the channel belongs to the log segment, not to this region. */
    @Override
    protected void deallocate() {
        // intentionally empty: DefaultFileRegion.deallocate() would close the shared channel
    }
}
