package dev.partita.jndi;

import java.util.Iterator;
import java.util.NoSuchElementException;
import javax.naming.NamingEnumeration;

/**
 * A {@link NamingEnumeration} over a snapshot of a context's bindings; holds no resource, so
 * {@link #close()} does nothing. Not thread-safe, like any iterator.
 */
final class SnapshotEnumeration<T> implements NamingEnumeration<T> {

    private final Iterator<T> elements;

    SnapshotEnumeration(Iterator<T> elements) {
        this.elements = elements;
    }

    @Override
    public T next() {
        return nextElement();
    }

    @Override
    public boolean hasMore() {
        return elements.hasNext();
    }

    @Override
    public boolean hasMoreElements() {
        return elements.hasNext();
    }

    @Override
    public T nextElement() {
        if (!elements.hasNext()) {
            throw new NoSuchElementException("no more bindings");
        }
        return elements.next();
    }

    @Override
    public void close() {
        // a snapshot holds no resource
    }
}
