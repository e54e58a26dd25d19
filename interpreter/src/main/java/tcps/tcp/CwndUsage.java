package tcps.tcp;

/**
 * How much of cwnd the sender used (Linux tcp_cwnd_validate): whether in flight reached cwnd,
 * or else the most in flight, over the window that ends when SND.UNA passes the SND.NXT at
 * which it began; and from that whether an ACK may grow cwnd (Linux tcp_is_cwnd_limited), as
 * the profile's {@link Parameters#CWND_GROWS_WHEN_USED} says.
 */
final class CwndUsage {
    private final boolean growsOnlyWhenUsed;
    private boolean limited;
    private long maxInFlight;
    /** SND.NXT when the current window of measurement began, null before any. */
    private SeqNum until;

    CwndUsage(Profile profile) {
        this.growsOnlyWhenUsed = profile.get(Parameters.CWND_GROWS_WHEN_USED);
    }

    /** After sending: records whether the sender filled cwnd ({@code limited}), else the most in flight. */
    void afterSending(boolean cwndLimited, SeqNum sndUna, SeqNum sndNxt) {
        long inFlight = sndNxt.distanceFrom(sndUna);
        if (until == null || sndUna.ge(until) || cwndLimited || (!limited && inFlight > maxInFlight)) {
            limited = cwndLimited;
            maxInFlight = inFlight;
            until = sndNxt;
        }
    }

    /**
     * Whether an ACK may grow cwnd: when the sender filled it, or in slow start while it is below
     * twice the most in flight. Always, unless the profile says so.
     */
    boolean mayGrow(CongestionControl congestion) {
        if (!growsOnlyWhenUsed || limited) {
            return true;
        }
        return congestion.window() < congestion.slowStartThreshold() && congestion.window() < 2 * maxInFlight;
    }
}
