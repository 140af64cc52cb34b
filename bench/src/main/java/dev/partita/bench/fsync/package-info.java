/**
 * The disk's own fsync-bounded limit: appends to a file with an fsync after every write, or after
 * every k writes (what group commit does), and reports fsyncs per second and MB/s, so the broker's
 * figures can be set against what the disk allows.
 */
package dev.partita.bench.fsync;
