package tcps.tcp;

/**
 * When a segment smaller than a full one may go: sender silly-window-syndrome avoidance
 * (RFC 9293 3.8.6.2.1) decides how much the peer's window lets go, Nagle's algorithm (RFC 9293
 * 3.7.4, RFC 896) whether a small segment waits for an ACK. A full-sized segment that fits the
 * window always goes. Both are profile parameters ({@link Parameters#SENDER_SWS},
 * {@link Parameters#NAGLE}); TCP_NODELAY turns Nagle off for one socket. Immutable, and free of
 * allocation: the send path asks it once per segment.
 */
final class SendPolicy {
    /** Nagle's algorithm, as a stack implements it (parameter {@code nagle}). */
    enum Nagle {
        /** Every segment goes as soon as the windows allow. */
        NONE,
        /**
         * RFC 896, RFC 9293 3.7.4 (SHLD-7), 4.xBSD's tcp_output: while any data is unacknowledged
         * a segment shorter than the MSS waits, until an ACK or a full segment's worth of data.
         */
        CLASSIC,
        /**
         * Minshall's variant, as Linux has it (tcp_nagle_check, tcp_minshall_check): a segment
         * shorter than the MSS waits only while a segment shorter than the MSS is unacknowledged,
         * so a small tail after full segments goes at once.
         */
        MINSHALL
    }

    /** Sender silly-window-syndrome avoidance (parameter {@code sender_sws}). */
    enum SenderSws {
        /** Whatever the window has room for goes, however small. */
        NONE,
        /**
         * RFC 9293 3.8.6.2.1 (MUST-38): a segment goes if it is full-sized, or carries all the
         * data queued, or at least half (Fs) of the largest window the peer offered; otherwise
         * it waits for a larger window, or for the override timeout (the persist timer here).
         */
        RFC,
        /**
         * Linux tcp_snd_wnd_test: the next segment, as many bytes as are queued up to the MSS,
         * goes only whole; a window smaller than it waits, and the persist timer sends what the
         * window allows (tcp_write_wakeup). Linux keeps segments to half the largest window
         * instead of RFC 9293's Fs rule (half_window_segments).
         */
        LINUX
    }

    private final Nagle nagle;
    private final SenderSws sws;

    SendPolicy(Nagle nagle, SenderSws sws) {
        this.nagle = nagle;
        this.sws = sws;
    }

    static SendPolicy of(Profile profile) {
        return new SendPolicy(profile.get(Parameters.NAGLE), profile.get(Parameters.SENDER_SWS));
    }

    /**
     * How many of the queued bytes the peer's window lets go in the next segment, 0 to wait.
     *
     * @param queued    D of RFC 9293 3.8.6.2.1: bytes waiting to be sent
     * @param usable    U: SND.UNA + SND.WND - SND.NXT
     * @param mss       Eff.snd.MSS
     * @param maxSndWnd the largest window the peer has offered
     */
    int windowAllows(long queued, long usable, int mss, long maxSndWnd) {
        int whole = (int) Math.min(queued, mss);
        if (whole <= usable) {
            return whole; // a full segment, or all that is queued
        }
        if (usable <= 0) {
            return 0;
        }
        return switch (sws) {
            case NONE -> (int) usable;
            // Fs = 1/2 of Max(SND.WND); the Nagle bracket [SND.NXT = SND.UNA] is Nagle's, below.
            case RFC -> 2 * usable >= maxSndWnd ? (int) usable : 0;
            case LINUX -> 0;
        };
    }

    /**
     * Whether Nagle's algorithm holds a segment shorter than the MSS.
     *
     * @param noDelay       TCP_NODELAY is set on the socket
     * @param inFlight      SND.NXT - SND.UNA
     * @param smallInFlight a segment shorter than the MSS is unacknowledged (Linux snd_sml)
     */
    boolean holdsSmall(boolean noDelay, long inFlight, boolean smallInFlight) {
        if (noDelay || inFlight <= 0) {
            return false;
        }
        return switch (nagle) {
            case NONE -> false;
            case CLASSIC -> true;
            case MINSHALL -> smallInFlight;
        };
    }
}
