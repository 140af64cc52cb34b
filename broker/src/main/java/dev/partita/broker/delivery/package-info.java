/**
 * Delivery state of subscriptions, per (subscription, partition): which offsets are available,
 * acquired by which session, acknowledged or archived, with their delivery counts; and the
 * {@code p.state} record format that replicates and persists it. Pure logic: no threads, no
 * network, no clock reads (the leader is given {@code nowMs}).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.partita.broker.delivery.DeliveryState}: {@code start} plus run-length-encoded
 *       exception runs and known sessions; changed only by
 *       {@link dev.partita.broker.delivery.DeliveryState#apply apply(StateRecord)}, which leader,
 *       followers and restart replay share.</li>
 *   <li>{@link dev.partita.broker.delivery.DeliveryLeader}: turns requests (acquire, ack, release,
 *       reject, archive, close) into records ({@code propose}), tracks what is in flight, holds the
 *       connection leases and writes {@code EXPIRE} records from {@code poll(nowMs)}.</li>
 *   <li>{@link dev.partita.broker.delivery.StateRecordCodec}: the byte format below.</li>
 *   <li>{@link dev.partita.broker.delivery.StateLog}: records as values of Kafka-format records in
 *       a storage {@code Log}; {@link dev.partita.broker.delivery.StateLogReplayer} rebuilds states from one.</li>
 * </ul>
 *
 * <h2>Semantics decided here</h2>
 * <ul>
 *   <li>Delivery count = deliveries that reached an application before; JMSXDeliveryCount = count + 1,
 *       JMSRedelivered = count &gt; 0.</li>
 *   <li>RELEASE adds 1 only for ranges marked delivered. EXPIRE (lease ran out, or session closed
 *       while holding offsets) adds 1 to everything the session held: the leader cannot know what
 *       reached the application, and over-counting only sets JMSRedelivered where under-counting
 *       would break ack finality's "never under-counts".</li>
 *   <li>When an added delivery makes the count reach the record's {@code maxDeliveryCount}, the
 *       offsets become {@code DEAD_LETTER_PENDING}: not deliverable; the leader appends them to the
 *       dead-letter queue (idempotently, keyed by source partition and offset) and then proposes
 *       {@code ARCHIVE(DEAD_LETTERED)}. {@code ApplyResult.Applied.newlyDeadLetterPending} and
 *       {@code DeliveryState.deadLetterPending()} (after a restart) say which.</li>
 *   <li>The maximum delivery count travels in RELEASE/EXPIRE/abort records, so a config change
 *       can never make replicas disagree.</li>
 *   <li>A repeated ack whose offsets are all acknowledged (or below start) succeeds, whatever the
 *       session epoch; a stale epoch otherwise fails with {@code STALE_SESSION_EPOCH}; an offset
 *       not held (by this session, at this epoch, with this delivery count) fails with
 *       {@code NOT_HELD}. Finished runs store delivery count 0, so they merge: offsets finished
 *       behind a stuck message cost one run.</li>
 *   <li>A lease expiry the leader proposed but that is not committed yet answers
 *       {@code IN_FLIGHT} (retry), never {@code STALE_SESSION_EPOCH}: a client learns only
 *       committed facts, since a leader failure may lose the uncommitted expiry.</li>
 *   <li>Lease expiry bumps the session epoch and keeps the session as a tombstone (so late
 *       requests learn the new epoch); tombstones are forgotten after the session retention.</li>
 * </ul>
 *
 * <h2>Wiring it into the broker (not done yet)</h2>
 * <ol>
 *   <li>Per (subscription generation, partition) the partition's writer thread owns one
 *       {@code DeliveryState}. A follower applies every {@code p.state} record it replicates
 *       ({@code StateRecordCodec.decode} of the value, routed by the record key); a broker that
 *       opens {@code p.state} after a restart calls {@code StateLogReplayer.replay(log, highWatermark, ...)}.</li>
 *   <li>A new subscription's first record is a SNAPSHOT of {@code new DeliveryState(logEnd)}:
 *       it fixes the subscription's start at the partition's log end (and makes replay start
 *       there); {@code createConsumer} returns once that record is committed on every partition.</li>
 *   <li>On becoming leader with epoch E: {@code new DeliveryLeader(state, E, config)}, then
 *       propose and commit a snapshot first, so records of older leaders are refused from then
 *       on. On losing leadership: drop the leader object, keep applying as a follower.</li>
 *   <li>Request handlers (on the partition thread): call {@code heartbeat(connection, now)} for
 *       every request of a connection and for its heartbeats; turn the request into a proposal;
 *       append {@code Proposal.Append.record()} with {@code StateLog.batch(key, records, now)} and
 *       {@code Log.appendAsLeader} (several proposals may share one batch, in proposal order);
 *       when {@code p.state}'s high watermark passes it, call {@code DeliveryLeader.apply} and
 *       answer from the {@code ApplyResult}. An acquire response carries the record's ranges
 *       and delivery counts (JMSXDeliveryCount = count + 1, JMSRedelivered = count &gt; 0).
 *       {@code Refused(IN_FLIGHT)} means retry after the pending commit;
 *       {@code Refused(STALE_SESSION_EPOCH)} carries the epoch the client continues with after
 *       purging its prefetch.</li>
 *   <li>A timer on the partition thread calls {@code poll(now)} by the deadline it returned and
 *       appends the EXPIRE records like any proposal.</li>
 *   <li>Dead letters: after each apply, and after becoming leader, take
 *       {@code newlyDeadLetterPending} / {@code state.deadLetterPending()}, append those messages
 *       to the destination's dead-letter queue idempotently (keyed by source partition and
 *       offset, headers kept, reason added), then propose {@code archive(DEAD_LETTERED, ...)}.</li>
 *   <li>Selectors: on a queue pass the selector as {@code AcquireRequest.filter}; on a topic
 *       subscription propose {@code archive(FILTERED, ...)} for the offsets it rejects.</li>
 *   <li>Retention floor: a partition's floor includes {@code state.start()} of its queue and
 *       durable subscriptions; {@code p.state} itself may be cleaned below
 *       {@code StateLogReplayer.Replay.cleanableBelow()} after the leader snapshots each subscription
 *       now and then.</li>
 * </ol>
 *
 * <h2>Record format (version 1)</h2>
 * Big-endian. {@code varint}/{@code varlong} are the zig-zag variable-length integers of the Kafka
 * record format ({@code dev.partita.protocol.record.Varints}). {@code id} is 16 bytes: {@code int64
 * high, int64 low} of a UUID.
 * <pre>
 * header (every record)
 *   offset  size  field
 *   0       1     version        = 1; any other value is refused
 *   1       1     type           1 ACQUIRE, 2 ACK, 3 RELEASE, 4 ARCHIVE, 5 EXPIRE, 6 SNAPSHOT,
 *                                7 PENDING_ACK, 8 TXN_COMMIT_MARKER, 9 TXN_ABORT_MARKER
 *   2       4     leaderEpoch    int32, the writing leader's epoch
 *   6       ...   body
 *
 * ranges    varint count (&ge; 1), then per range, sorted and disjoint:
 *             varlong gap          first - (previous last + 1); the first range: first offset itself
 *             varlong extent       last - first
 *             varint  count        delivery count (&ge; 0)
 * releases  as ranges, each followed by int8 delivered (0 or 1)
 *
 * ACQUIRE      id session, varint sessionEpoch, id connection, ranges
 * ACK          id session, varint sessionEpoch, ranges
 * RELEASE      id session, varint sessionEpoch, varint maxDeliveryCount, releases
 * ARCHIVE      int8 reason (1 expired, 2 dead-lettered, 3 filtered, 4 rejected),
 *              int8 bySession (0/1), [id session, varint sessionEpoch if bySession], ranges
 * EXPIRE       id session, varint sessionEpoch, int8 reason (1 lease expired, 2 closed),
 *              varint maxDeliveryCount
 * PENDING_ACK  id session, varint sessionEpoch, int64 producerId, int16 producerEpoch, ranges
 * TXN_*_MARKER int64 producerId, int16 producerEpoch, varint maxDeliveryCount
 * SNAPSHOT     varlong start,
 *              varint sessionCount, per session (in id order): id session, id connection,
 *                varint epoch, int8 expired (0/1)
 *              varint runCount, per run (in offset order):
 *                varlong gap (from start for the first run), varlong extent,
 *                int8 status (0 available, 1 acquired, 2 pending ack, 3 acknowledged, 4 archived,
 *                5 dead-letter pending), varint deliveryCount,
 *                owner: acquired: id session, varint sessionEpoch; pending ack: int64 producerId,
 *                int16 producerEpoch; otherwise nothing
 * </pre>
 * A decoder refuses trailing bytes, counts larger than the remaining bytes could hold, unknown
 * codes and out-of-range offsets with {@link dev.partita.broker.delivery.StateRecordFormatException}.
 * New versions get a new version byte; fields are never reinterpreted.
 *
 * <h2>The log</h2>
 * Each state record is the value of one Kafka-format record in {@code p.state} whose key names
 * the subscription ({@link dev.partita.broker.delivery.StateLog}). Replay of a subscription starts
 * at its latest SNAPSHOT; the log is cleaned only below the lowest of the subscriptions' latest
 * committed snapshots, never compacted by key.
 *
 * <p>Thread-safety: every class with state is confined to the partition's writer thread; records,
 * ids and the codec are immutable or stateless.
 */
package dev.partita.broker.delivery;
