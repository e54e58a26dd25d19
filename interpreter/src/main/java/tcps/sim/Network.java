package tcps.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import tcps.tcp.Ipv4;
import tcps.tcp.Segment;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpHost;

/**
 * A simulated network on a virtual clock: TCP hosts, scripted endpoints, one link between them
 * all with a one-way delay, the faults armed on it, and the capture of everything sent.
 *
 * <p>Nothing here runs by itself: {@link #step} processes the one earliest event (a segment
 * arriving or a host's timer), and the interpreter decides how far to run. Events at the same
 * instant run in the order they were scheduled, arrivals before timers, so a run is a pure
 * function of the script and the seed.
 */
public final class Network {
    private final Map<Ipv4, TcpHost> hosts = new LinkedHashMap<>();
    private final Map<TcpAddress, ScriptedEndpoint> puppets = new LinkedHashMap<>();
    private final List<Captured> capture = new ArrayList<>();
    /** Segments sent so far, kept in {@link #capture} or not. */
    private int sent;
    private boolean keepCapture = true;
    /** The captured segments still in flight (or held back), in the order sent. */
    private final Set<Captured> inFlight = new LinkedHashSet<>();
    private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>();
    /** Armed faults, in the order armed; a linked list, so a spent one leaves in constant time. */
    private final List<Fault> faults = new java.util.LinkedList<>();
    private final List<Held> held = new ArrayList<>();
    private long now;
    private long linkDelay;
    private long scheduled;
    private double loss;
    private SplittableRandom lossDraws;
    private LinkObserver observer = LinkObserver.NONE;
    private long maxEvents = Long.MAX_VALUE;
    private long maxTime = Long.MAX_VALUE;
    private long events;
    /** The most bytes a run may keep ({@link #limitMemory}), and what it keeps besides the network's. */
    private long maxBytes = Long.MAX_VALUE;
    private java.util.function.LongSupplier keptOutside = () -> 0;
    /** Bytes the kept capture holds, and those in flight that it does not (once it keeps none). */
    private long capturedBytes;
    private long inFlightBytes;
    /** The hosts' and the outside's bytes at the last full count, and events since it. */
    private long lastCounted;
    private int sinceCounted;
    /** Statements since the last full count (see {@link #countMemoryAfterStatement}). */
    private long statementsSinceCounted;
    /**
     * About how many things the last full count looked at: the hosts, their connections, and the
     * writes, segments and pieces of text these hold, and the scripted endpoints. Counting again is spaced by it, so that a run that keeps many things does not spend its time
     * counting them: the count stays O(1) per statement and per event, amortised.
     */
    private long countCost;
    /** Events between two full counts of what the hosts and the outside keep; each event adds little. */
    private static final int COUNT_EVERY = 64;

    /** A segment a {@code reorder} fault holds back until {@code after} more go the same way. */
    private static final class Held {
        final Captured captured;
        int after;

        Held(Captured captured, int after) {
            this.captured = captured;
            this.after = after;
        }
    }

    /** A segment due at its destination. */
    private record Arrival(long time, long order, Captured captured) implements Comparable<Arrival> {
        @Override
        public int compareTo(Arrival o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    public Network(long linkDelay) {
        this.linkDelay = linkDelay;
    }

    /** Who hears of every segment sent and every arrival (one observer; the interpreter's). */
    public void observe(LinkObserver observer) {
        this.observer = observer;
    }

    /**
     * Bounds every run from now on: processing more than {@code maxEvents} events (arrivals and
     * timers), or moving the clock past {@code maxTime}, throws {@link BudgetExceeded} instead.
     */
    public void limit(long maxEvents, long maxTime) {
        this.maxEvents = maxEvents;
        this.maxTime = maxTime;
    }

    /**
     * Bounds what a run keeps from now on to about {@code maxBytes}: the segments captured and in
     * flight (counted as they go), what the hosts buffer and what {@code keptOutside} says the
     * runner keeps (counted every few events, and after statements: {@link
     * #countMemoryAfterStatement}). Past it, the step or the send that went past throws {@link
     * BudgetExceeded} ({@code MEMORY}).
     */
    public void limitMemory(long maxBytes, java.util.function.LongSupplier keptOutside) {
        this.maxBytes = maxBytes;
        this.keptOutside = keptOutside;
    }

    /**
     * Counts what the run keeps afresh, throwing {@link BudgetExceeded} when that is past the
     * limit; {@link #countMemoryAfterStatement} and each event call it, spaced by its cost.
     */
    private void countMemory() {
        long hostBytes = 512L * puppets.size();
        long items = puppets.size();
        for (TcpHost host : hosts.values()) {
            hostBytes += host.keptBytes();
            items += host.keptItems();
        }
        lastCounted = hostBytes + keptOutside.getAsLong();
        sinceCounted = 0;
        statementsSinceCounted = 0;
        countCost = 2 * items; // the runner's own count looks at about as many (one actor a host)
        if (kept() > maxBytes) {
            throw new BudgetExceeded(BudgetExceeded.Kind.MEMORY);
        }
    }

    /**
     * What the runner calls after each statement: a full count when enough statements have run
     * since the last one for its cost to be spread over them (after every statement while the
     * run keeps little), otherwise the check against what was counted plus the segments since.
     */
    public void countMemoryAfterStatement() {
        if (maxBytes == Long.MAX_VALUE) {
            return;
        }
        checkMemory(++statementsSinceCounted * 64 >= countCost);
    }

    private long kept() {
        return capturedBytes + inFlightBytes + lastCounted;
    }

    /** Counted as segments go: each event and each segment sent looks; a full count every few events. */
    private void watchMemory() {
        if (maxBytes == Long.MAX_VALUE) {
            return;
        }
        checkMemory(++sinceCounted >= Math.max(COUNT_EVERY, countCost / 8));
    }

    /** A full count when one is {@code due}, otherwise the check of what was counted plus the segments since. */
    private void checkMemory(boolean due) {
        if (due) {
            countMemory();
        } else if (kept() > maxBytes) {
            throw new BudgetExceeded(BudgetExceeded.Kind.MEMORY);
        }
    }

    /** How many events (arrivals and timers) have been processed. */
    public long events() {
        return events;
    }

    /** Current virtual time in microseconds. */
    public long now() {
        return now;
    }

    public void addHost(TcpHost host) {
        hosts.put(host.address(), host);
    }

    public TcpHost host(Ipv4 address) {
        return hosts.get(address);
    }

    public void addScripted(ScriptedEndpoint endpoint) {
        puppets.put(endpoint.address(), endpoint);
    }

    /** Changes the one-way delay for segments sent from now on. */
    public void setLinkDelay(long micros) {
        this.linkDelay = micros;
    }

    public long linkDelay() {
        return linkDelay;
    }

    /** Arms a fault for the segments sent from now on. */
    public void arm(Fault fault) {
        faults.add(fault);
    }

    /** Arms a fault that loses the next {@code count} segments matching {@code filter}. */
    public void dropNext(Predicate<Segment> filter, int count) {
        arm(new Fault(filter, new Fault.Action.Drop(), count));
    }

    /**
     * Loses each segment sent from now on with {@code probability}, drawn from a generator seeded
     * with {@code seed} (the run's), so the same run loses the same segments.
     */
    public void setLoss(double probability, long seed) {
        this.loss = probability;
        this.lossDraws = new SplittableRandom(seed);
    }

    /**
     * Every segment sent so far, in the order sent; once {@link #stopKeepingCapture} was called,
     * only those sent before.
     */
    public List<Captured> capture() {
        return Collections.unmodifiableList(capture);
    }

    /** How many segments have been sent (each is numbered by its place in this count). */
    public int sent() {
        return sent;
    }

    /**
     * From now on, sent segments are counted but not kept, and those kept so far are let go: for
     * a run whose remaining statements will not look at the capture and whose output does not
     * show it, so that memory stays flat however long the run. Segments in flight still arrive.
     */
    public void stopKeepingCapture() {
        keepCapture = false;
        capture.clear();
        capturedBytes = 0;
        // from now on the segments in flight are counted on their own: those already are, afresh
        inFlightBytes = 0;
        for (Captured c : inFlight) {
            inFlightBytes += Captured.KEPT_BYTES + c.segment().keptBytes();
        }
    }

    /** A scripted endpoint puts a crafted segment on the wire now. */
    public Captured send(ScriptedEndpoint from, Segment segment) {
        from.sent(segment);
        return transmit(segment, true);
    }

    /**
     * A forged segment (another endpoint's address as its source) goes on the wire now. The
     * scripted endpoint that forged it keeps no bookkeeping for a connection it is not part of.
     */
    public Captured inject(Segment segment) {
        return transmit(segment, true);
    }

    /** Puts on the wire, now, whatever the hosts queued (after a socket call, for instance). */
    public void flush() {
        for (TcpHost host : hosts.values()) {
            for (Segment s : host.takeOutgoing()) {
                transmit(s, false);
            }
        }
    }

    /** When the next event is due, or {@link Long#MAX_VALUE} if nothing will ever happen. */
    public long nextEventTime() {
        long t = arrivals.isEmpty() ? Long.MAX_VALUE : arrivals.peek().time;
        for (TcpHost host : hosts.values()) {
            t = Math.min(t, host.nextDeadline());
        }
        return t;
    }

    /**
     * Processes the earliest event if it is due at or before {@code limit}: the clock moves to
     * it. Returns false, leaving the clock alone, when there is none that early.
     */
    public boolean step(long limit) {
        long t = nextEventTime();
        if (t == Long.MAX_VALUE || t > limit) {
            return false;
        }
        if (t > maxTime) {
            throw new BudgetExceeded(BudgetExceeded.Kind.TIME);
        }
        if (events >= maxEvents) {
            throw new BudgetExceeded(BudgetExceeded.Kind.EVENTS);
        }
        if (Thread.currentThread().isInterrupted()) {
            // whoever runs this network gave up on it (a grader past its real time): stop, on any JDK
            throw new BudgetExceeded(BudgetExceeded.Kind.INTERRUPTED);
        }
        events++;
        now = Math.max(now, t);
        if (!arrivals.isEmpty() && arrivals.peek().time == t) {
            arrive(arrivals.poll().captured);
        } else {
            for (TcpHost host : hosts.values()) {
                if (host.nextDeadline() <= t) {
                    host.advanceTo(t);
                }
            }
        }
        flush();
        watchMemory();
        return true;
    }

    /** Runs every event due up to {@code time}, then sets the clock to {@code time}. */
    public void runUntil(long time) {
        while (step(time)) {
            // each step moves the clock forward to the event it processed
        }
        if (time > maxTime) {
            throw new BudgetExceeded(BudgetExceeded.Kind.TIME);
        }
        now = Math.max(now, time);
    }

    /**
     * {@code now + micros}, or the last instant before "never" ({@link Long#MAX_VALUE}) where
     * that would not fit: time never wraps, and an event that late still runs into the budget.
     */
    public static long later(long now, long micros) {
        long t = now + micros;
        return ((now ^ t) & (micros ^ t)) < 0 || t == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : t;
    }

    /**
     * Runs until {@code c} has arrived or been lost (at once if it already has). A segment a
     * {@code reorder} fault still holds back is not waited for: its arrival is not scheduled yet.
     */
    public void settle(Captured c) {
        while (c.fate() == Captured.Fate.IN_FLIGHT && !isHeld(c) && step(Long.MAX_VALUE)) {
            // the arrival of c is queued, so this ends
        }
    }

    private boolean isHeld(Captured c) {
        for (Held h : held) {
            if (h.captured == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lets every segment already on the wire arrive; segments sent in reply are not waited for,
     * and no timer fires that is due after the last of those arrivals.
     */
    public void settleInFlight() {
        for (Captured c : new ArrayList<>(inFlight)) {
            settle(c);
        }
    }

    private Captured transmit(Segment segment, boolean scripted) {
        Captured c = new Captured(sent++, now, segment, scripted);
        long bytes = Captured.KEPT_BYTES + segment.keptBytes();
        if (keepCapture) {
            capture.add(c);
            capturedBytes += bytes;
        } else {
            inFlightBytes += bytes;
        }
        inFlight.add(c);
        long due = later(now, linkDelay);
        Fault fault = faultFor(segment);
        Fault.Action action = fault == null ? null : fault.action();
        c.fault(fault);
        if (action == null) {
            schedule(due, c);
        } else if (action instanceof Fault.Action.Drop) {
            settle(c, Captured.Fate.DROPPED, -1);
        } else if (action instanceof Fault.Action.Delay d) {
            due = later(due, d.extra());
            schedule(due, c);
        } else if (action instanceof Fault.Action.Duplicate) {
            schedule(due, c);
            schedule(due, c);
        } else if (action instanceof Fault.Action.Reorder) {
            held.add(new Held(c, fault.remaining() + 1));
        } else {
            schedule(due, c); // corrupted: it arrives, and the receiver discards it
        }
        observer.sent(c);
        release(c, due);
        watchMemory();
        return c;
    }

    /** The first armed fault that takes this segment, else random loss, else null. */
    private Fault faultFor(Segment segment) {
        for (java.util.Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.takes(segment)) {
                if (f.spent()) {
                    it.remove(); // only this one can have just been spent: the others were removed when they were
                }
                return f;
            }
        }
        if (loss > 0 && lossDraws.nextDouble() < loss) {
            return RANDOM_LOSS;
        }
        return null;
    }

    private static final Fault RANDOM_LOSS = new Fault(s -> true, new Fault.Action.Drop(), 1, "loss");

    /**
     * Counts {@code c} against held-back segments going the same way; one it completes arrives
     * just after {@code c} would ({@code due}).
     */
    private void release(Captured c, long due) {
        if (held.isEmpty()) {
            return;
        }
        List<Held> newestFirst = new ArrayList<>(held);
        Collections.reverse(newestFirst);
        for (Held h : newestFirst) {
            Segment s = h.captured.segment();
            if (h.captured != c && s.src().equals(c.segment().src()) && s.dst().equals(c.segment().dst())
                    && --h.after == 0) {
                held.remove(h);
                schedule(due, h.captured);
            }
        }
    }

    private void schedule(long time, Captured c) {
        arrivals.add(new Arrival(time, scheduled++, c));
    }

    private void arrive(Captured c) {
        observer.arriving(c);
        if (c.fault() != null && c.fault().action() instanceof Fault.Action.Corrupt) {
            settle(c, Captured.Fate.CORRUPTED, now);
            observer.arrived(c);
            return;
        }
        Segment s = c.segment();
        ScriptedEndpoint puppet = puppets.get(s.dst());
        TcpHost host = hosts.get(s.dst().ip());
        if (puppet != null) {
            puppet.received(s);
        } else if (host != null) {
            host.segmentArrives(s, now);
        } else {
            settle(c, Captured.Fate.UNDELIVERABLE, now);
            observer.arrived(c);
            return;
        }
        settle(c, Captured.Fate.DELIVERED, now);
        observer.arrived(c);
    }

    private void settle(Captured c, Captured.Fate fate, long arrival) {
        c.settle(fate, arrival);
        if (inFlight.remove(c) && !keepCapture) {
            inFlightBytes -= Captured.KEPT_BYTES + c.segment().keptBytes();
        }
    }

    /** Faults armed but not yet used up. */
    public int pendingFaults() {
        return faults.size();
    }
}
