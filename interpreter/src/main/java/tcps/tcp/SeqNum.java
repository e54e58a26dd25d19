package tcps.tcp;

/**
 * A TCP sequence number: 32 bits, compared and added modulo 2^32 (RFC 9293 section 3.4).
 * This is the one place sequence arithmetic lives; nothing else compares raw sequence values.
 */
public record SeqNum(int bits) {

    public static SeqNum of(long value) {
        return new SeqNum((int) value);
    }

    // equals and hashCode written out (the same values a record's own give): a record's are
    // linked through invokedynamic on first use, a visible cost in a run that lasts milliseconds.
    @Override
    public boolean equals(Object o) {
        return o instanceof SeqNum n && bits == n.bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    /** The value as an unsigned 32-bit number, as tcpdump prints it. */
    public long value() {
        return Integer.toUnsignedLong(bits);
    }

    public SeqNum plus(long n) {
        return new SeqNum(bits + (int) n);
    }

    public SeqNum minus(long n) {
        return new SeqNum(bits - (int) n);
    }

    /** The signed distance from {@code other} to this, in (-2^31, 2^31]: {@code a.plus(a.distanceFrom(b))}... */
    public int distanceFrom(SeqNum other) {
        return bits - other.bits;
    }

    /** {@code (this - other) mod 2^32} as an unsigned number: relative numbering. */
    public long offsetFrom(SeqNum other) {
        return Integer.toUnsignedLong(bits - other.bits);
    }

    public boolean lt(SeqNum o) {
        return bits - o.bits < 0;
    }

    public boolean le(SeqNum o) {
        return bits - o.bits <= 0;
    }

    public boolean gt(SeqNum o) {
        return bits - o.bits > 0;
    }

    public boolean ge(SeqNum o) {
        return bits - o.bits >= 0;
    }

    /** {@code lo <= this < hi} in sequence space (the RFC's window tests). */
    public boolean inWindow(SeqNum lo, SeqNum hi) {
        return ge(lo) && lt(hi);
    }

    public static SeqNum max(SeqNum a, SeqNum b) {
        return a.ge(b) ? a : b;
    }

    @Override
    public String toString() {
        return Long.toString(value());
    }
}
