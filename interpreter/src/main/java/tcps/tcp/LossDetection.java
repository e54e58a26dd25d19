package tcps.tcp;

import static tcps.tcp.Parameters.DUPACK_THRESHOLD;
import static tcps.tcp.Parameters.RACK;
import java.util.List;

/**
 * Deciding, before the RTO, that a segment in flight was lost, from the ACKs that come back:
 * <ul>
 * <li>without SACK, fast retransmit on the third duplicate ACK (RFC 5681 3.2);</li>
 * <li>with SACK, RACK (RFC 8985 section 6), as Linux does it: a segment is lost when one sent
 *     after it has been delivered (acknowledged or SACKed) and more than the RTT of that
 *     delivery plus a reordering window has passed since it was sent (captures out-of-order and
 *     out-of-order-burst: the lost segment goes again as soon as the SACKs show the gap).</li>
 * </ul>
 * There is no congestion window in the model: what is declared lost is resent at once.
 */
final class LossDetection {
    private final Tcb tcb;
    private int duplicateAcks;
    private boolean lastAckDuplicate;
    /** The window field of the last acceptable ACK (RFC 5681's duplicate ACK condition (e)). */
    private int lastWindowField = -1;
    // RACK (RFC 8985 6.1): the most recently sent segment known delivered, and its RTT.
    private long rackXmitAt = Long.MIN_VALUE;
    private long rackOrder = -1;
    private long rackRtt;
    /** The smallest RTT sample (RFC 8985 min_RTT), for the reordering window. */
    private long minRtt = Long.MAX_VALUE;

    LossDetection(Tcb tcb) {
        this.tcb = tcb;
    }

    void rttSample(long rtt) {
        minRtt = Math.min(minRtt, Math.max(0, rtt));
    }

    private boolean rack() {
        return tcb.profile.get(RACK) && tcb.inUse.sack();
    }

    /**
     * An acceptable ACK arrived; SND.UNA has moved if {@code advanced}, with {@code acked} what
     * that removed from the queue.
     */
    /** Returns the bytes this ACK newly SACKed. */
    long ackArrived(Segment seg, boolean advanced, RetransmissionQueue.Acknowledged acked, long now) {
        int window = seg.window();
        boolean sameWindow = window == lastWindowField;
        lastWindowField = window;
        if (tcb.retransmissionQueue.isEmpty()) {
            duplicateAcks = 0;
            tcb.timers.cancel(TcpTimer.REORDERING, "nothing in flight", now);
            return 0;
        }
        if (rack()) {
            if (acked.segments() > 0) {
                delivered(acked.newestSentAt(), acked.newestOrder(), now);
            }
            long sacked = 0;
            TcpOption.Sack sack = seg.option(TcpOption.Sack.class).orElse(null);
            if (sack != null) {
                for (RetransmissionQueue.Entry e : tcb.retransmissionQueue.markSacked(sack.blocks(), tcb.sndUna)) {
                    delivered(e.sentAt(), e.order(), now);
                    sacked += e.segment().seqLength();
                }
            }
            detect(now);
            return sacked;
        }
        lastAckDuplicate = false;
        if (advanced) {
            duplicateAcks = 0;
            return 0;
        }
        // RFC 5681 2: a duplicate ACK carries no data, no SYN or FIN, acknowledges SND.UNA while
        // data is outstanding, and repeats the last window.
        if (seg.length() == 0 && !seg.has(TcpFlags.SYN) && !seg.has(TcpFlags.FIN)
                && seg.ack().equals(tcb.sndUna) && sameWindow) {
            duplicateAcks++;
            lastAckDuplicate = true;
            if (duplicateAcks == tcb.profile.get(DUPACK_THRESHOLD) && !tcb.inRecovery()) {
                // (3.2) "The TCP sender SHOULD use the 'fast retransmit' algorithm ... after
                // receiving 3 duplicate ACKs ... retransmit what appears to be the missing segment"
                tcb.enterRecovery(now);
                tcb.retransmitLost(tcb.retransmissionQueue.firstUnsacked(), now);
            }
        }
        return 0;
    }

    /** The duplicate ACKs counted since SND.UNA last moved (RFC 5681), without RACK. */
    int duplicateAcks() {
        return duplicateAcks;
    }

    /** The last ACK was a duplicate ACK by RFC 5681's definition (without RACK). */
    boolean lastAckDuplicate() {
        return lastAckDuplicate;
    }

    /** RFC 8985 6.2 step 2: the most recently sent delivered segment sets RACK.xmit_ts and RACK.rtt. */
    private void delivered(long sentAt, long order, long now) {
        // RACK_sent_after (6.2): by send time, then by the order of transmission (the RFC's
        // end sequence stands in for it where a clock does not tell sends apart).
        if (order > rackOrder) {
            rackXmitAt = sentAt;
            rackOrder = order;
            rackRtt = now - sentAt;
        }
    }

    /**
     * RFC 8985 6.2 step 5: every segment not delivered that was sent before RACK.xmit_ts is lost
     * once RACK.rtt + RACK.reo_wnd has passed since it was sent; for the others the reordering
     * timer waits for the earliest such instant.
     */
    private boolean detect(long now) {
        boolean entered = false;
        long reoWnd = reorderingWindow();
        long earliest = Tcb.NEVER;
        for (RetransmissionQueue.Entry e : List.copyOf(tcb.retransmissionQueue.entries())) {
            boolean sentBefore = e.order() < rackOrder;
            if (e.sacked() || !sentBefore) {
                continue;
            }
            long lostAt = e.sentAt() + rackRtt + reoWnd;
            if (lostAt <= now) {
                if (!tcb.inRecovery()) {
                    tcb.enterRecovery(now);
                    entered = true;
                }
                tcb.lost(e, now);
            } else {
                earliest = Math.min(earliest, lostAt);
            }
        }
        if (earliest == Tcb.NEVER) {
            tcb.timers.cancel(TcpTimer.REORDERING, "no segment waits for its reordering window", now);
        } else if (tcb.timers.at(TcpTimer.REORDERING) != tcb.timers.onWheel(earliest, now)) {
            tcb.timers.arm(TcpTimer.REORDERING, earliest, "a segment may be lost once its reordering window passes (RFC 8985 6.3)", now);
        }
        return entered;
    }

    /**
     * RFC 8985 6.2 step 4: min_RTT / 4 while no loss recovery is under way and fewer than three
     * segments are SACKed (Linux tcp_rack_reo_wnd; at most SRTT), else 0.
     */
    private long reorderingWindow() {
        if (tcb.inRecovery() || tcb.retransmissionQueue.sackedCount() >= tcb.profile.get(DUPACK_THRESHOLD)) {
            return 0;
        }
        long quarter = minRtt == Long.MAX_VALUE ? 0 : minRtt / 4;
        return Math.min(quarter, tcb.rto.srtt());
    }

    /** The reordering timer fired (RFC 8985 6.3): check again. */
    void reorderTimeout(long now) {
        if (!tcb.retransmissionQueue.isEmpty()) {
            tcb.lostOnTimeout(detect(now), now);
        }
    }

    /** The connection is closing down: its timers are off (the reordering timer with them). */
    void reset() {
        duplicateAcks = 0;
    }
}
