package tcps.tcp;

import java.util.Arrays;
import java.util.List;

/**
 * A TCP segment as it travels: addresses, header fields and payload. Immutable.
 * {@code window} is the raw 16-bit field (already shifted by the sender's window scale).
 *
 * <p>A final class with a record's accessors, equality and text rather than a record: a record
 * must copy the payload in its one constructor, and the model, which never writes into a
 * payload, makes its segments with {@link #owning} and reads them with {@link #sharedPayload}
 * without copying (a bulk transfer copied each segment's bytes three times).
 */
public final class Segment {
    private final TcpAddress src;
    private final TcpAddress dst;
    private final SeqNum seq;
    private final SeqNum ack;
    private final int flags;
    private final int window;
    private final int urgent;
    private final List<TcpOption> options;
    private final byte[] payload;

    /** A segment with a copy of {@code payload} (later changes to the array do not reach it). */
    public Segment(TcpAddress src, TcpAddress dst, SeqNum seq, SeqNum ack, int flags, int window, int urgent,
            List<TcpOption> options, byte[] payload) {
        this(src, dst, seq, ack, flags, window, urgent, options, payload.clone(), true);
    }

    private Segment(TcpAddress src, TcpAddress dst, SeqNum seq, SeqNum ack, int flags, int window, int urgent,
            List<TcpOption> options, byte[] payload, boolean taken) {
        if (window < 0 || window > 0xffff) {
            throw new IllegalArgumentException("window field is 16 bits: " + window);
        }
        this.src = src;
        this.dst = dst;
        this.seq = seq;
        this.ack = ack;
        this.flags = flags;
        this.window = window;
        this.urgent = urgent;
        this.options = List.copyOf(options);
        this.payload = payload;
    }

    /**
     * A segment that takes {@code payload} as it is, without a copy: for the model's own
     * segments, whose payload arrays nobody writes into after they are made.
     */
    static Segment owning(TcpAddress src, TcpAddress dst, SeqNum seq, SeqNum ack, int flags, int window, int urgent,
            List<TcpOption> options, byte[] payload) {
        return new Segment(src, dst, seq, ack, flags, window, urgent, options, payload, true);
    }

    public TcpAddress src() {
        return src;
    }

    public TcpAddress dst() {
        return dst;
    }

    public SeqNum seq() {
        return seq;
    }

    public SeqNum ack() {
        return ack;
    }

    public int flags() {
        return flags;
    }

    public int window() {
        return window;
    }

    public int urgent() {
        return urgent;
    }

    public List<TcpOption> options() {
        return options;
    }

    /** The payload itself, not a copy, for the model, which never writes into it. */
    byte[] sharedPayload() {
        return payload;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    /**
     * About how many bytes of memory this segment holds: its payload, and the record with its
     * addresses, numbers and options around it (measured on a 64-bit JVM with compressed
     * pointers; docs/limits.md). What a run keeps is bounded by sums of these.
     */
    public long keptBytes() {
        return 160 + 40L * options.size() + payload.length;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** SEG.LEN of RFC 9293: payload octets plus one for SYN and one for FIN. */
    public int seqLength() {
        return payload.length + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
    }

    /** The first sequence number after this segment (SEG.SEQ + SEG.LEN). */
    public SeqNum seqEnd() {
        return seq.plus(seqLength());
    }

    @SuppressWarnings("unchecked")
    public <T extends TcpOption> java.util.Optional<T> option(Class<T> kind) {
        for (TcpOption o : options) {
            if (kind.isInstance(o)) {
                return java.util.Optional.of((T) o);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean payloadEquals(byte[] other) {
        return Arrays.equals(payload, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment s
                && src.equals(s.src) && dst.equals(s.dst) && seq.equals(s.seq) && ack.equals(s.ack)
                && flags == s.flags && window == s.window && urgent == s.urgent
                && options.equals(s.options) && Arrays.equals(payload, s.payload);
    }

    @Override
    public int hashCode() {
        return ((src.hashCode() * 31 + dst.hashCode()) * 31 + seq.hashCode()) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return src + " > " + dst + " [" + TcpFlags.tcpdump(flags) + "] seq " + seq + " ack " + ack
                + " win " + window + " len " + payload.length;
    }
}
