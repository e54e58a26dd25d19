package tcps.tcp;

import java.util.Arrays;

/**
 * The timers of one connection as one thing: the one place that arms, cancels and fires them and
 * finds the next deadline. Each timer is an absolute virtual time, {@link #NEVER} when off;
 * every change is reported to the observer with its cause, so a report can show why a segment
 * went when it did.
 */
final class Timers {
    static final long NEVER = Long.MAX_VALUE;
    private static final TcpTimer[] ALL = TcpTimer.values();

    private final Connection owner;
    private final TcpObserver observer;
    private final long[] at = new long[ALL.length];

    Timers(Connection owner, TcpObserver observer) {
        this.owner = owner;
        this.observer = observer;
        Arrays.fill(at, NEVER);
    }

    /**
     * Starts (or restarts) {@code timer} to expire at {@code deadline}. The retransmission timer
     * and the loss probe share one timer, as in Linux: arming one stops the other.
     */
    void arm(TcpTimer timer, long deadline, String cause, long now) {
        if (timer == TcpTimer.RETRANSMISSION) {
            cancel(TcpTimer.LOSS_PROBE, cause, now);
        } else if (timer == TcpTimer.LOSS_PROBE) {
            cancel(TcpTimer.RETRANSMISSION, cause, now);
        }
        at[timer.ordinal()] = deadline;
        observer.timer(owner, new TimerEvent(timer, TimerEvent.Action.ARMED, deadline, deadline - now, cause), now);
    }

    /** Stops {@code timer} if it runs. */
    void cancel(TcpTimer timer, String cause, long now) {
        long deadline = at[timer.ordinal()];
        if (deadline != NEVER) {
            at[timer.ordinal()] = NEVER;
            observer.timer(owner, new TimerEvent(timer, TimerEvent.Action.CANCELLED, deadline, 0, cause), now);
        }
    }

    /** Stops every timer but {@code keep} (null: all of them). */
    void cancelAllBut(TcpTimer keep, String cause, long now) {
        for (TcpTimer t : ALL) {
            if (t != keep) {
                cancel(t, cause, now);
            }
        }
    }

    /**
     * Whether {@code timer} is due at {@code now}; if so it is off from here on, reported as
     * fired, and the caller does what it is for.
     */
    boolean fire(TcpTimer timer, long now) {
        long deadline = at[timer.ordinal()];
        if (deadline > now) {
            return false;
        }
        at[timer.ordinal()] = NEVER;
        observer.timer(owner, new TimerEvent(timer, TimerEvent.Action.FIRED, deadline, 0, "expired"), now);
        return true;
    }

    /** When {@code timer} expires, or NEVER. */
    long at(TcpTimer timer) {
        return at[timer.ordinal()];
    }

    boolean armed(TcpTimer timer) {
        return at[timer.ordinal()] != NEVER;
    }

    /** When the retransmission timer expires, as a retransmission or as a loss probe, or NEVER. */
    long retransmission() {
        return Math.min(at[TcpTimer.RETRANSMISSION.ordinal()], at[TcpTimer.LOSS_PROBE.ordinal()]);
    }

    /** The earliest deadline of all, or NEVER. */
    long next() {
        long next = NEVER;
        for (long t : at) {
            next = Math.min(next, t);
        }
        return next;
    }
}
