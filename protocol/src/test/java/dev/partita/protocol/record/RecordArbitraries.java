package dev.partita.protocol.record;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators for records and batch specs shared by the round-trip and interop properties. */
final class RecordArbitraries {

    private RecordArbitraries() {
    }

    static Arbitrary<byte[]> nullableBytes(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize).injectNull(0.2);
    }

    /** Header keys: mostly ASCII, sometimes any well-formed Unicode (no lone surrogates). */
    static Arbitrary<Header> headers() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('-', '.', '_').ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(8)
                        .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c))));
        return Combinators.combine(keys, nullableBytes(30)).as(Header::new);
    }

    static Arbitrary<Long> timestamps() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(RecordBatch.NO_TIMESTAMP)),
                Tuple.of(9, Arbitraries.longs().between(0, 4_000_000_000_000L)));
    }

    /** Values are usually small, sometimes a few KiB (several compression blocks with many records). */
    static Arbitrary<SimpleRecord> records() {
        Arbitrary<byte[]> values = Arbitraries.frequencyOf(
                Tuple.of(8, nullableBytes(200)),
                Tuple.of(1, nullableBytes(4000)),
                Tuple.of(1, Arbitraries.integers().between(0, 5000).map(n -> new byte[n])));
        return Combinators.combine(timestamps(), nullableBytes(40), values,
                        headers().array(Header[].class).ofMaxSize(4))
                .as(SimpleRecord::new);
    }

    static Arbitrary<BatchSpec> batches() {
        Arbitrary<CompressionType> compression = Arbitraries.of(CompressionType.class);
        Arbitrary<Long> baseOffset = Arbitraries.oneOf(Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2));
        Arbitrary<Integer> leaderEpoch = Arbitraries.integers().between(-1, Integer.MAX_VALUE);
        Arbitrary<long[]> producer = Arbitraries.oneOf(
                Arbitraries.just(new long[] {RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH,
                    RecordBatch.NO_SEQUENCE}),
                Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                                Arbitraries.shorts().between((short) 0, Short.MAX_VALUE),
                                Arbitraries.oneOf(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                                        Arbitraries.integers().between(Integer.MAX_VALUE - 20, Integer.MAX_VALUE)))
                        .as((id, epoch, sequence) -> new long[] {id, epoch, sequence}));
        Arbitrary<Boolean> transactional = Arbitraries.of(true, false);
        Arbitrary<Long> logAppendTime = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(RecordBatch.NO_TIMESTAMP)),
                Tuple.of(1, Arbitraries.longs().between(0, 4_000_000_000_000L)));
        Arbitrary<java.util.List<SimpleRecord>> records = Arbitraries.frequencyOf(
                Tuple.of(8, records().list().ofMinSize(1).ofMaxSize(20)),
                Tuple.of(1, records().list().ofMinSize(100).ofMaxSize(300)));
        return Combinators.combine(compression, baseOffset, leaderEpoch, producer, transactional, logAppendTime,
                        records)
                .as((c, offset, epoch, p, txn, appendTime, recs) -> new BatchSpec(c, offset, epoch, p[0],
                        (short) p[1], (int) p[2], txn && p[0] != RecordBatch.NO_PRODUCER_ID, appendTime, recs));
    }
}
