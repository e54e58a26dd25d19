package tcps.tcp;

import static tcps.tcp.Parameters.DELAYED_ACK;
import static tcps.tcp.Parameters.DELAY_FIN_ACK_AFTER_DATA;
import static tcps.tcp.Parameters.PINGPONG;
import static tcps.tcp.Parameters.QUICK_ACKS;

/**
 * When the receiver acknowledges (RFC 9293 3.8.6.3, RFC 1122 4.2.3.2): "an ACK should be
 * generated for at least every second full-sized segment" and otherwise may wait, at most 0.5 s;
 * the profile's {@code delayed_ack} says how long. Linux adds two modes (tcp_input.c), modelled
 * here because they decide what a capture shows:
 * <ul>
 * <li>quick-ACK mode: the first segments of text are ACKed at once (tcp_incr_quickack: as many
 *     as the window holds pairs of receive-MSS segments, at most {@code quick_acks});</li>
 * <li>pingpong (interactive) mode: once the application answers within the delayed-ACK time, or
 *     the peer's FIN arrives, ACKs wait for data to ride on; the delayed-ACK timer ends it.</li>
 * </ul>
 * The profile with {@code delayed_ack} 0 acknowledges every segment at once and uses neither.
 */
final class DelayedAcks {
    /** Linux TCP_MSS_DEFAULT: the receive MSS assumed before segments show a larger one. */
    private static final int DEFAULT_RCV_MSS = 536;
    /** Linux TCP_MIN_MSS. */
    private static final int MIN_RCV_MSS = 88;

    private final Profile profile;
    /** Linux icsk_ack.rcv_mss: the largest segment seen, what "full-sized" means here. */
    private int rcvMss;
    /** Quick ACKs left (icsk_ack.quick). */
    private int quick;
    /** Pushed text is waiting for its ACK (Linux ICSK_ACK_PUSHED), and a second one (PUSHED2). */
    private boolean pushed;
    private boolean pushedTwice;
    /** Text has arrived (Linux: ato is no longer 0): delayed ACKs wait delayed_ack, not 0. */
    private boolean textSeen;
    private boolean pingpong;
    /** When text last arrived (icsk_ack.lrcvtime). */
    private long lastTextAt;

    DelayedAcks(Profile profile) {
        this.profile = profile;
    }

    /** Whether ACKs may wait at all (the profile's delayed_ack is not 0). */
    boolean enabled() {
        return profile.get(DELAYED_ACK) > 0;
    }

    /**
     * The handshake is done (tcp_initialize_rcv_mss): the receive MSS starts at the smallest of
     * 536, our MSS, and half the window.
     */
    void start(int ourMss, long rcvWnd) {
        rcvMss = (int) Math.max(MIN_RCV_MSS, Math.min(Math.min(DEFAULT_RCV_MSS, ourMss), rcvWnd / 2));
    }

    /**
     * In-order text of {@code len} bytes arrived at {@code now} (tcp_event_data_recv): measures the
     * receive MSS, and fills the quick-ACK budget for the first text and after a silence longer
     * than the RTO.
     */
    void textArrived(int len, int ourMss, long rcvWnd, long rto, long now) {
        if (len >= rcvMss) {
            rcvMss = Math.min(len, ourMss);
        }
        if (!textSeen) {
            textSeen = true;
            addQuickAcks(rcvWnd);
        } else if (now - lastTextAt > rto) {
            // "Too long gap. Apparently sender failed to restart window, so that we send ACKs quickly."
            addQuickAcks(rcvWnd);
        }
        lastTextAt = now;
    }

    /** tcp_incr_quickack: rcv_wnd / (2 * rcv_mss) quick ACKs, at least 2, at most quick_acks. */
    private void addQuickAcks(long rcvWnd) {
        long n = rcvWnd / (2L * Math.max(1, rcvMss));
        if (n == 0) {
            n = 2;
        }
        quick = (int) Math.max(quick, Math.min(n, profile.get(QUICK_ACKS)));
    }

    /**
     * Text that was not expected (a duplicate, or beyond the window) arrived: Linux acknowledges at
     * once and goes back to quick ACKs (tcp_enter_quickack_mode).
     */
    void unexpectedText(long rcvWnd) {
        if (textSeen) {
            addQuickAcks(rcvWnd);
        }
        pingpong = false;
    }

    boolean quickMode() {
        return quick > 0 && !pingpong;
    }

    /** More than one full-sized segment arrived since the last window sent (__tcp_ack_snd_check). */
    boolean moreThanOneSegment(long bytesSinceLastWindow) {
        return bytesSinceLastWindow > rcvMss;
    }

    /** How long an ACK owed may wait: 0 before any text arrived (Linux ato 0), else delayed_ack. */
    long delay() {
        return textSeen ? profile.get(DELAYED_ACK) : 0;
    }

    /**
     * Text was pushed (tcp_measure_rcv_mss: a full-sized segment with PSH, or one shorter than
     * the receive MSS); returns whether an application that reads it all should ACK at once:
     * a second pushed segment always, the first unless in pingpong mode (tcp_cleanup_rbuf).
     */
    boolean pushed(boolean psh, int segmentLength) {
        if (segmentLength >= rcvMss && !psh) {
            return false;
        }
        if (segmentLength < rcvMss && pushed) {
            pushedTwice = true;
        }
        pushed = true;
        return pushedTwice || !pingpong;
    }

    /** An ACK went out: nothing pushed is waiting any more. */
    void clearPushed() {
        pushed = false;
        pushedTwice = false;
    }

    /** An ACK of new text or a FIN went out (tcp_dec_quickack_mode). */
    void ackSent() {
        if (quick > 0) {
            quick--;
        }
    }

    /** We sent data at {@code now}: an answer within the delayed-ACK time means interactive traffic. */
    void dataSent(long now) {
        if (enabled() && profile.get(PINGPONG) && textSeen && now - lastTextAt < profile.get(DELAYED_ACK)) {
            pingpong = true;
        }
    }

    /** The peer's FIN arrived in ESTABLISHED (tcp_fin: inet_csk_enter_pingpong_mode). */
    void finArrived() {
        if (enabled() && profile.get(DELAY_FIN_ACK_AFTER_DATA)) {
            pingpong = true;
        }
    }

    /** The delayed-ACK timer fired with an ACK owed: "Delayed ACK missed: leave pingpong mode". */
    void timerFired() {
        pingpong = false;
    }

    boolean pingpong() {
        return pingpong;
    }

    int rcvMss() {
        return rcvMss;
    }
}
