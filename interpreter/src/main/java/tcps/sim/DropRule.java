package tcps.sim;

import java.util.function.Predicate;
import tcps.tcp.Segment;

/**
 * An armed {@code drop next} fault: loses the next {@code remaining} segments that match.
 * The filter is a predicate so this layer stays free of how scripts describe segments.
 */
final class DropRule {
    private final Predicate<Segment> filter;
    private int remaining;

    DropRule(Predicate<Segment> filter, int count) {
        this.filter = filter;
        this.remaining = count;
    }

    /** True if this rule takes the segment (and counts it). */
    boolean takes(Segment segment) {
        if (remaining > 0 && filter.test(segment)) {
            remaining--;
            return true;
        }
        return false;
    }

    boolean spent() {
        return remaining == 0;
    }
}
