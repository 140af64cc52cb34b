/**
 * Partita's conformance suite: one test class per chapter of the Jakarta Messaging 3.1
 * specification, each test naming the section it checks, run through JNDI against one real broker
 * the suite starts ({@link dev.partita.tck.SuiteBroker}). {@code tck-tests/README.md} maps the
 * spec's "must" statements to these tests or to listed limits.
 */
package dev.partita.tck;
