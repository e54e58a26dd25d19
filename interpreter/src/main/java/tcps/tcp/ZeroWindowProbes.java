package tcps.tcp;

/**
 * The zero-window probes of the persist timer (RFC 9293 3.8.6.1): how many the peer has not
 * answered (Linux icsk_probes_out; an answer resets it, so probing never gives up while the
 * peer answers, RFC 1122 4.2.2.17), and when the first went out since the window closed (Linux
 * icsk_probes_tstamp), which TCP_USER_TIMEOUT counts from (Linux tcp_probe_timer,
 * tcp_clamp_probe0_to_user_timeout; captures/user-timeout).
 */
final class ZeroWindowProbes {
    private int unanswered;
    /** When the first probe went out since the window closed, or {@link Tcb#NEVER}. */
    private long since = Tcb.NEVER;

    /** Probes the peer has not answered. */
    int unanswered() {
        return unanswered;
    }

    /** A probe went out. */
    void sent() {
        unanswered++;
    }

    /** An acceptable ACK arrived: the peer is alive, and unanswered probes count from zero again. */
    void answered() {
        unanswered = 0;
    }

    /** Probing is over (the window opened, or data went out in it): the next probe starts afresh. */
    void stop() {
        unanswered = 0;
        since = Tcb.NEVER;
    }

    /**
     * Before a probe at {@code now}: whether TCP_USER_TIMEOUT ({@code userTimeout}, 0 when not
     * set) has passed since the first probe, answered or not; the first probe starts that clock.
     */
    boolean userTimeoutPassed(long now, long userTimeout) {
        if (since == Tcb.NEVER) {
            since = now;
            return false;
        }
        return userTimeout > 0 && now - since >= userTimeout;
    }

    /** When the next probe is due: {@code at}, or earlier, when the user timeout ends before it. */
    long dueAt(long at, long userTimeout) {
        if (userTimeout > 0 && since != Tcb.NEVER) {
            return Math.min(at, since + userTimeout);
        }
        return at;
    }
}
