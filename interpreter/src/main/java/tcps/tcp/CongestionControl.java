package tcps.tcp;

/**
 * A sender's congestion control (RFC 5681, RFC 6675, RFC 6937, RFC 9438), kept apart from the
 * TCB the way smoltcp keeps its congestion controllers: the TCB tells it what happened (data
 * sent, new data acknowledged, a loss found, a timeout) and asks it how much may be in flight.
 * Windows are in bytes.
 */
interface CongestionControl {
    /** cwnd: how many bytes may be in flight (SND.NXT - SND.UNA, less what the peer SACKed). */
    long window();

    /** ssthresh, {@link Long#MAX_VALUE} while no loss has set it. */
    long slowStartThreshold();

    /** Data is about to go after {@code idle} µs with nothing in flight (RFC 5681 4.1 restart). */
    default void sendingAfterIdle(long idle, long rto, long now) {}

    /**
     * An ACK moved SND.UNA over {@code acked} bytes (RFC 5681 3.1), with {@code inFlight} bytes
     * outstanding before it and {@code rtt} the latest RTT sample (µs, 0 if none).
     */
    default void acked(long acked, long inFlight, long rtt, long now) {}

    /** A loss was detected before the RTO (RFC 5681 3.2, RFC 6675 5): fast recovery begins. */
    default void lossDetected(long inFlight, long now) {}

    /**
     * An ACK during fast recovery delivered {@code delivered} bytes (cumulatively or SACKed);
     * {@code pipe} bytes remain in flight (RFC 6937 PRR).
     */
    default void recoveryAck(long delivered, long pipe, long now) {}

    /** Fast recovery ended: everything sent before it began is acknowledged (RFC 6582 3.2 step 3). */
    default void recoveryEnded(long now) {}

    /** The retransmission timer expired (RFC 5681 3.1, equation 4; cwnd to the loss window). */
    default void timedOut(long inFlight, long now) {}

    /**
     * No congestion control: cwnd is unbounded, so the receiver's window alone limits the sender,
     * as a model without congestion control sends.
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
}
