package tcps.tcp;

/**
 * When a segment smaller than a full one may go: Nagle's algorithm (RFC 9293 3.7.4, RFC 1122
 * 4.2.3.4) and sender silly-window-syndrome avoidance (RFC 9293 3.8.6.2.1). A full-sized segment
 * always may go; these rules hold back the small ones.
 */
interface SendPolicy {
    /**
     * What the sender knows when a segment of {@code length} bytes could go now.
     *
     * @param length         the bytes the segment would carry
     * @param mss            Eff.snd.MSS
     * @param queued         bytes waiting to be sent, this segment's included
     * @param inFlight       SND.NXT - SND.UNA: sent and not yet acknowledged
     * @param maxSndWnd      the largest window the peer has offered
     * @param closing        a FIN follows the queued data
     */
    record Candidate(int length, int mss, long queued, long inFlight, long maxSndWnd, boolean closing) {}

    /** Whether the segment goes now; if not, it waits for an ACK (or the persist timer). */
    boolean maySend(Candidate c);

    /** Every segment goes as soon as the windows allow: what RFC 9293's SEND without Nagle does. */
    SendPolicy AT_ONCE = c -> true;
}
