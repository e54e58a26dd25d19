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
    /** The length of a jiffy in µs on Linux's timer wheel, or 0 for exact timers. */
    private final long jiffy;
    private final long[] at = new long[ALL.length];

    Timers(Connection owner, TcpObserver observer, int wheelHz) {
        this.owner = owner;
        this.observer = observer;
        this.jiffy = wheelHz > 0 ? 1_000_000L / wheelHz : 0;
        Arrays.fill(at, NEVER);
    }

    /** Levels of the wheel: 64 buckets each, each level's buckets 8 times longer (LVL_CLK_SHIFT). */
    private static final int LEVEL_SHIFT = 3;
    private static final int LEVELS = 9;

    /**
     * When a timer armed at {@code now} for {@code deadline} expires on the wheel: the delay in
     * whole jiffies, rounded up (usecs_to_jiffies), from the current jiffy; then calc_wheel_index
     * picks the level whose range holds it and calc_index rounds the expiry up to the end of its
     * bucket, always at least one granule on.
     */
    long onWheel(long deadline, long now) {
        if (jiffy == 0 || deadline == NEVER) {
            return deadline;
        }
        long clk = now / jiffy;
        // A delay of at most one jiffy fires at the next tick (Linux's delayed ACK with ato 0, which
        // fin_ack_delay stands for); longer ones round up to jiffies, as usecs_to_jiffies does.
        long delay = Math.max(0, deadline - now);
        long delta = delay <= jiffy ? 0 : (delay + jiffy - 1) / jiffy;
        long expires = clk + delta;
        int level = 0;
        while (level < LEVELS - 1 && delta >= levelStart(level + 1)) {
            level++;
        }
        int shift = level * LEVEL_SHIFT;
        long bucket = ((expires >> shift) + 1) << shift;
        return bucket * jiffy;
    }

    /** LVL_START(n): the first delta (jiffies) that level n holds, 63 << 3(n-1). */
    private static long levelStart(int n) {
        return 63L << ((n - 1) * LEVEL_SHIFT);
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
        deadline = onWheel(deadline, now);
        at[timer.ordinal()] = deadline;
        observer.timer(owner, new TimerEvent(timer, TimerEvent.Action.ARMED, deadline, deadline - now, cause), now);
    }

    /**
     * Runs {@code from}'s deadline as {@code to} instead (a loss probe that becomes the RTO when
     * recovery starts); the deadline, already on the wheel, is kept as it is.
     */
    void move(TcpTimer from, TcpTimer to, String cause, long now) {
        long deadline = at[from.ordinal()];
        if (deadline == NEVER) {
            return;
        }
        cancel(from, cause, now);
        at[to.ordinal()] = deadline;
        observer.timer(owner, new TimerEvent(to, TimerEvent.Action.ARMED, deadline, deadline - now, cause), now);
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
