package tcps.sim;

import java.util.function.Predicate;
import tcps.tcp.Segment;

/**
 * A fault armed on the link for the next {@code count} segments that match its filter, as
 * {@code drop next 2 SYN} or {@code delay next 200ms} arm them. The filter is a predicate so this
 * layer stays free of how scripts describe segments.
 */
public final class Fault {
    /** What the link does to a segment the fault takes. */
    public sealed interface Action {
        /** Lost: captured on the sender, never arrives. */
        record Drop() implements Action {}

        /** Arrives {@code extra} microseconds later than the link delay alone. */
        record Delay(long extra) implements Action {}

        /** Arrives twice (the network duplicated it; the sender sent it once). */
        record Duplicate() implements Action {}

        /**
         * The segments this fault takes arrive in reverse order, after the first segment sent
         * behind them in the same direction: with a count of N − 1, {@code reorder next N}.
         */
        record Reorder() implements Action {}

        /** Arrives with a wrong checksum: the receiver discards it. */
        record Corrupt() implements Action {}
    }

    private final Predicate<Segment> filter;
    private final Action action;
    private final String origin;
    private int remaining;
    private final int count;

    /** @param origin where it was armed, for reports ({@code drop next at 5:1}) */
    public Fault(Predicate<Segment> filter, Action action, int count, String origin) {
        if (count < 1) {
            throw new IllegalArgumentException("a fault takes at least one segment: " + count);
        }
        this.filter = filter;
        this.action = action;
        this.origin = origin;
        this.remaining = count;
        this.count = count;
    }

    public Fault(Predicate<Segment> filter, Action action, int count) {
        this(filter, action, count, "a fault");
    }

    public Action action() {
        return action;
    }

    public String origin() {
        return origin;
    }

    /** True if this fault takes the segment (and counts it). */
    boolean takes(Segment segment) {
        if (remaining > 0 && filter.test(segment)) {
            remaining--;
            return true;
        }
        return false;
    }

    /** How many segments this fault has taken so far. */
    public int taken() {
        return count - remaining;
    }

    /** How many more segments this fault will take. */
    int remaining() {
        return remaining;
    }

    boolean spent() {
        return remaining == 0;
    }
}
