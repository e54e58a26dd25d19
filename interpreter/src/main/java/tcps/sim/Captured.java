package tcps.sim;

import tcps.tcp.Segment;

/**
 * One segment as the capture saw it: where tcpdump would see it on the sender, at the time it
 * was sent. Its {@link Fate} is settled later, when the link delivers or loses it.
 */
public final class Captured {
    public enum Fate {
        /** On the wire, not yet arrived. */
        IN_FLIGHT,
        /** Arrived at its destination (which may still have discarded it). */
        DELIVERED,
        /** Lost by a {@code drop} fault: sent, so captured, but never arrived. */
        DROPPED,
        /** Arrived with a wrong checksum, so the receiver discarded it. */
        CORRUPTED,
        /** Arrived at an address where no host or scripted endpoint lives. */
        UNDELIVERABLE
    }

    /** About how many bytes of memory one holds besides its segment (with its place in the capture and queues). */
    static final long KEPT_BYTES = 96;

    private final int index;
    private final long time;
    private final Segment segment;
    private final boolean scripted;
    private Fate fate = Fate.IN_FLIGHT;
    private long arrival = -1;
    private Fault fault;

    Captured(int index, long time, Segment segment, boolean scripted) {
        this.index = index;
        this.time = time;
        this.segment = segment;
        this.scripted = scripted;
    }

    /** Position in the capture, from 0. */
    public int index() {
        return index;
    }

    /** When it was sent, in microseconds of virtual time. */
    public long time() {
        return time;
    }

    public Segment segment() {
        return segment;
    }

    /** True when a scripted endpoint sent it (the script crafted it), false for a TCP stack. */
    public boolean scripted() {
        return scripted;
    }

    public Fate fate() {
        return fate;
    }

    /** When it arrived, or -1 if it has not (yet). */
    public long arrival() {
        return arrival;
    }

    /** The link fault that took it, or null when it crossed the link untouched. */
    public Fault fault() {
        return fault;
    }

    void fault(Fault fault) {
        this.fault = fault;
    }

    void settle(Fate fate, long arrival) {
        this.fate = fate;
        this.arrival = arrival;
    }

    @Override
    public String toString() {
        return "#" + index + " @" + time + " " + segment + " " + fate;
    }
}
