package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * A host whose segments come back to it after a fixed one-way delay (client and server both on
 * one address), and its timers: the smallest network a whole conversation needs.
 */
final class Loopback {
    private record InFlight(long at, Segment segment) {}

    final TcpHost host;
    final long delay;
    final List<Segment> sent = new ArrayList<>();
    /** When each segment of {@link #sent} was put on the wire. */
    final List<Long> sentAt = new ArrayList<>();
    /**
     * Segments this says are lost are recorded in {@link #sent} (tcpdump on lo sees them before
     * the firewall drops them) but never arrive.
     */
    java.util.function.BiPredicate<Long, Segment> lose = (t, s) -> false;
    private final List<InFlight> inFlight = new ArrayList<>();
    long now;

    Loopback(TcpHost host, long delay) {
        this.host = host;
        this.delay = delay;
    }

    /** Puts what the host sent on the wire; call after anything that may send. */
    void collect() {
        for (Segment s : host.takeOutgoing()) {
            sent.add(s);
            sentAt.add(now);
            if (!lose.test(now, s)) {
                inFlight.add(new InFlight(now + delay, s));
            }
        }
    }

    /** Runs the next event (a delivery, else a timer); false when nothing is left. */
    boolean step() {
        collect();
        long delivery = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.get(0).at();
        long timer = host.nextDeadline();
        if (delivery == Long.MAX_VALUE && timer == Long.MAX_VALUE) {
            return false;
        }
        if (delivery <= timer) {
            now = delivery;
            host.segmentArrives(inFlight.remove(0).segment(), now);
        } else {
            now = timer;
            host.advanceTo(now);
        }
        return true;
    }

    /** When the next event is due, or Long.MAX_VALUE when nothing is left. */
    long nextEventTime() {
        collect();
        long delivery = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.get(0).at();
        return Math.min(delivery, host.nextDeadline());
    }

    /** Runs the events due up to {@code until}, calling {@code app} after each; the clock ends there. */
    void runUntil(long until, Runnable app) {
        while (nextEventTime() <= until) {
            step();
            app.run();
            collect();
        }
        now = Math.max(now, until);
    }

    /** Runs events until the network is quiet and no timer is left, calling {@code app} after each. */
    void run(Runnable app) {
        while (step()) {
            app.run();
            collect();
        }
    }
}
