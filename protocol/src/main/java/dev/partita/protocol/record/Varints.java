package dev.partita.protocol.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers, the encoding records use for lengths, deltas and counts (the
 * same as Protocol Buffers' {@code sint32}/{@code sint64}).
 *
 * <p>Zig-zag maps signed to unsigned so small magnitudes of either sign stay short:
 * {@code 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3, ...}, i.e. {@code (n << 1) ^ (n >> 31)} for an int.
 * The unsigned value is then written 7 bits at a time, least significant group first; every byte
 * but the last has its high bit set. An int takes 1 to 5 bytes, a long 1 to 10.
 *
 * <p>Reads advance the buffer's position; a varint longer than its type allows, or one cut short
 * by the buffer's limit, throws {@link InvalidRecordException}. Stateless and thread-safe.
 */
public final class Varints {

    /** Most bytes an int varint takes. */
    public static final int MAX_VARINT_BYTES = 5;
    /** Most bytes a long varint takes. */
    public static final int MAX_VARLONG_BYTES = 10;

    private Varints() {
    }

    public static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    public static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    /** Writes {@code value} zig-zag encoded at the buffer's position. */
    public static void writeVarint(int value, ByteBuffer out) {
        int bits = zigZag(value);
        while ((bits & ~0x7F) != 0) {
            out.put((byte) ((bits & 0x7F) | 0x80));
            bits >>>= 7;
        }
        out.put((byte) bits);
    }

    /** Writes {@code value} zig-zag encoded at the buffer's position. */
    public static void writeVarlong(long value, ByteBuffer out) {
        long bits = zigZag(value);
        while ((bits & ~0x7FL) != 0) {
            out.put((byte) ((bits & 0x7F) | 0x80));
            bits >>>= 7;
        }
        out.put((byte) bits);
    }

    /** Reads a zig-zag int varint at the buffer's position. */
    public static int readVarint(ByteBuffer in) {
        try {
            int raw = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = in.get();
                raw |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 28 && (b & 0x70) != 0) {
                        throw new InvalidRecordException("varint does not fit in 32 bits");
                    }
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
        } catch (BufferUnderflowException e) {
            throw new InvalidRecordException("varint cut short by the end of the data", e);
        }
        throw new InvalidRecordException("varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    /** Reads a zig-zag long varint at the buffer's position. */
    public static long readVarlong(ByteBuffer in) {
        try {
            long raw = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                long b = in.get();
                raw |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 63 && (b & 0x7E) != 0) {
                        throw new InvalidRecordException("varlong does not fit in 64 bits");
                    }
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
        } catch (BufferUnderflowException e) {
            throw new InvalidRecordException("varlong cut short by the end of the data", e);
        }
        throw new InvalidRecordException("varlong longer than " + MAX_VARLONG_BYTES + " bytes");
    }

    /** Bytes {@link #writeVarint} takes for {@code value}. */
    public static int sizeOfVarint(int value) {
        int bits = zigZag(value);
        // 7 payload bits per byte; at least one byte even for zero.
        int significant = 32 - Integer.numberOfLeadingZeros(bits | 1);
        return (significant + 6) / 7;
    }

    /** Bytes {@link #writeVarlong} takes for {@code value}. */
    public static int sizeOfVarlong(long value) {
        long bits = zigZag(value);
        int significant = 64 - Long.numberOfLeadingZeros(bits | 1);
        return (significant + 6) / 7;
    }
}
