package tcps.tcp;

import static tcps.tcp.Parameters.FORCED_PUSH;

/**
 * The send path's decisions about the next segment beyond the windows and cwnd, with what they
 * remember between segments: how much the peer's window lets go and whether a small segment
 * waits ({@link SendPolicy}: sender SWS avoidance, Nagle), the end of the last small segment
 * sent (Linux snd_sml, for Minshall's Nagle), and whether a segment carries PSH (a write's end,
 * and forced_push with the data sent since the last push). {@code Tcb.transmitQueued} asks once
 * per segment; free of allocation.
 */
final class SendDecisions {
    private final SendPolicy policy;
    /** The profile's forced_push. */
    private final boolean forcedPush;
    /** The end of the last segment sent shorter than the MSS (Linux snd_sml, Minshall's Nagle), or null. */
    private SeqNum sndSml;
    /** Bytes sent since the last PSH or write end (Linux write_seq - pushed_seq, for forced_push). */
    private long unpushed;

    SendDecisions(Profile profile) {
        this.policy = SendPolicy.of(profile);
        this.forcedPush = profile.get(FORCED_PUSH);
    }

    /** How many of {@code queued} bytes the peer's window lets go next, 0 to wait ({@link SendPolicy#windowAllows}). */
    int windowAllows(long queued, long usable, int mss, long maxSndWnd) {
        return policy.windowAllows(queued, usable, mss, maxSndWnd);
    }

    /**
     * Whether Nagle's algorithm holds a segment shorter than the MSS, with {@code inFlight}
     * unacknowledged between {@code sndUna} and {@code sndNxt} ({@link SendPolicy#holdsSmall}).
     */
    boolean holdsSmall(boolean noDelay, long inFlight, SeqNum sndUna, SeqNum sndNxt) {
        return policy.holdsSmall(noDelay, inFlight, smallInFlight(sndUna, sndNxt));
    }

    /** Linux tcp_minshall_check: a segment shorter than the MSS is unacknowledged. */
    private boolean smallInFlight(SeqNum sndUna, SeqNum sndNxt) {
        return sndSml != null && sndSml.gt(sndUna) && sndSml.le(sndNxt);
    }

    /**
     * PSH for a segment of {@code n} bytes: it ends a write (RFC 9293 3.9.1.2: the last buffered
     * segment; Linux tcp_push marks the tail of each write, and a later write that fills the
     * same segment takes the mark off), or, with forced_push, it is full and the data since the
     * last push (a write's end, or the last forced PSH) now exceeds half the largest window the
     * peer offered (Linux forced_push: after(write_seq, pushed_seq + max_window / 2)).
     */
    boolean pushes(SendQueue.Chunk chunk, int n, int mss, long maxSndWnd) {
        if (chunk.endsWrite()) {
            unpushed = 0;
            return true;
        }
        unpushed = chunk.push() ? chunk.afterLastEnd() : unpushed + n;
        if (forcedPush && n == mss && unpushed > (maxSndWnd >> 1)) {
            unpushed = 0;
            return true;
        }
        return false;
    }

    /** A segment of {@code n} bytes went out at {@code seq} (Linux tcp_minshall_update: remember a small one's end). */
    void sent(SeqNum seq, int n, int mss) {
        if (n > 0 && n < mss) {
            sndSml = seq.plus(n);
        }
    }
}
