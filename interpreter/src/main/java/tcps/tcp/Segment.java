package tcps.tcp;

import java.util.Arrays;
import java.util.List;

/**
 * A TCP segment as it travels: addresses, header fields and payload. Immutable.
 * {@code window} is the raw 16-bit field (already shifted by the sender's window scale).
 */
public record Segment(
        TcpAddress src,
        TcpAddress dst,
        SeqNum seq,
        SeqNum ack,
        int flags,
        int window,
        int urgent,
        List<TcpOption> options,
        byte[] payload) {

    public Segment {
        options = List.copyOf(options);
        payload = payload.clone();
        if (window < 0 || window > 0xffff) {
            throw new IllegalArgumentException("window field is 16 bits: " + window);
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
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
