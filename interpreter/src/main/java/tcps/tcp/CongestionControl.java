package tcps.tcp;

/**
 * A sender's congestion control (RFC 5681, RFC 6582, RFC 6937, RFC 9438), kept apart from the
 * TCB the way smoltcp keeps its congestion controllers: the TCB tells it what happened (data
 * sent, data acknowledged, a loss found, a timeout) and asks it how much may be in flight.
 * Windows are in bytes; {@link CongestionWindow} holds cwnd and ssthresh and runs slow start,
 * fast recovery and restart, and a {@link CongestionAvoidance} (Reno or CUBIC) decides how cwnd
 * grows and how far it falls.
 */
interface CongestionControl {
    /** cwnd: how many bytes may be in flight. */
    long window();

    /** ssthresh, {@link Long#MAX_VALUE} while no loss has set it. */
    long slowStartThreshold();

    /** The send MSS is known, or changed (the handshake): the initial window is set from it. */
    default void start(int smss) {}

    /** {@code bytes} of data went out at {@code now} (new or retransmitted). */
    default void sent(long bytes, long now) {}

    /** Data is about to go after {@code idle} µs with nothing in flight (RFC 5681 4.1 restart). */
    default void sendingAfterIdle(long idle, long rto, long now) {}

    /**
     * An ACK outside recovery moved SND.UNA over {@code acked} bytes (RFC 5681 3.1); {@code rtt}
     * is the smoothed RTT in µs, 0 before a sample.
     */
    default void acked(long acked, long rtt, long now) {}

    /**
     * A loss was found before the RTO with {@code flight} bytes outstanding (RFC 5681 3.2, RFC
     * 6675 5): fast recovery begins and ssthresh falls.
     */
    default void lossDetected(long flight, long now) {}

    /**
     * An ACK during fast recovery: it acknowledged {@code cumulative} new bytes and SACKed
     * {@code sacked} more ({@code duplicate} if it was a duplicate ACK); {@code pipe} bytes remain
     * in flight.
     */
    default void recoveryAck(long cumulative, long sacked, boolean duplicate, long pipe, long now) {}

    /** Fast recovery ended: everything sent before it began is acknowledged (RFC 6582 3.2 step 3). */
    default void recoveryEnded(long now) {}

    /** The retransmission timer expired with {@code flight} bytes outstanding (RFC 5681 3.1, eq. 4). */
    default void timedOut(long flight, long now) {}

    /**
     * No congestion control: cwnd is unbounded and only the receiver's window limits the sender,
     * as RFC 9293 alone (without RFC 5681) describes it.
     */
    CongestionControl NONE = new CongestionControl() {
        @Override
        public long window() {
            return Long.MAX_VALUE;
        }

        @Override
        public long slowStartThreshold() {
            return Long.MAX_VALUE;
        }
    };

    /** Which algorithm grows cwnd after slow start and sets ssthresh on a loss. */
    enum Kind {
        /** No congestion window at all. */
        NONE,
        /** RFC 5681 (Linux tcp_reno, BSD): cwnd grows by one SMSS per RTT; a loss halves it. */
        RENO,
        /** RFC 9438 (Linux tcp_cubic, its default): a cubic function of the time since the last loss; beta 0.7. */
        CUBIC
    }
}
