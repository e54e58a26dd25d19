package tcps.tcp;

/**
 * cwnd and ssthresh of one connection, and the rules every algorithm shares (RFC 5681): the
 * initial window, slow start, fast recovery, the loss window after a timeout, and the restart
 * after idle. How cwnd grows in congestion avoidance and how far ssthresh falls on a loss are
 * the {@link CongestionAvoidance}'s (Reno or CUBIC). In fast recovery the window follows either
 * RFC 6937's Proportional Rate Reduction (Linux tcp_cwnd_reduction) or RFC 5681's inflation by
 * one SMSS per duplicate ACK with RFC 6582's partial-ACK deflation (4.3BSD-Reno, NewReno).
 */
final class CongestionWindow implements CongestionControl {
    private final CongestionAvoidance avoidance;
    /** Segments of the initial window; 0 for RFC 5681's rule (3.1, equation 1). */
    private final int initialSegments;
    private final boolean proportionalRateReduction;
    private final boolean restartAfterIdle;
    /** cwnd counts whole segments (Linux tp->snd_cwnd): {@link #window} leaves out a fraction. */
    private final boolean wholeSegments;

    private int smss = SynOptions.DEFAULT_MSS;
    private long cwnd;
    private long ssthresh = Long.MAX_VALUE;
    private boolean started;

    // Proportional Rate Reduction (RFC 6937), counted from the start of recovery.
    private long priorCwnd;
    private long prrDelivered;
    private long prrOut;
    private boolean inRecovery;
    /** A timeout lowered ssthresh and no data has been acknowledged since. */
    private boolean backedOff;

    CongestionWindow(CongestionAvoidance avoidance, int initialSegments, boolean proportionalRateReduction,
            boolean restartAfterIdle) {
        this(avoidance, initialSegments, proportionalRateReduction, restartAfterIdle, false);
    }

    CongestionWindow(CongestionAvoidance avoidance, int initialSegments, boolean proportionalRateReduction,
            boolean restartAfterIdle, boolean wholeSegments) {
        this.wholeSegments = wholeSegments;
        this.avoidance = avoidance;
        this.initialSegments = initialSegments;
        this.proportionalRateReduction = proportionalRateReduction;
        this.restartAfterIdle = restartAfterIdle;
        this.cwnd = initialWindow();
    }

    /**
     * IW (RFC 5681 3.1): min(4 SMSS, max(2 SMSS, 4380 bytes)), or the profile's number of
     * segments (RFC 6928's 10, Linux TCP_INIT_CWND; 1 for 4.3BSD-Reno).
     */
    private long initialWindow() {
        if (initialSegments > 0) {
            return (long) initialSegments * smss;
        }
        return Math.min(4L * smss, Math.max(2L * smss, 4380));
    }

    @Override
    public void start(int sendMss) {
        if (!started) {
            started = true;
            smss = Math.max(1, sendMss);
            cwnd = initialWindow();
        }
    }

    /** cwnd; in whole segments when the profile counts them (at least one). */
    @Override
    public long window() {
        if (wholeSegments && cwnd > smss) {
            return cwnd / smss * smss;
        }
        return cwnd;
    }

    @Override
    public long slowStartThreshold() {
        return ssthresh;
    }

    @Override
    public void sent(long bytes, long now) {
        if (inRecovery) {
            prrOut += bytes;
        }
    }

    /**
     * RFC 5681 4.1: "if the TCP has not sent data in an interval exceeding the retransmission
     * timeout", cwnd goes back to the restart window. Linux (tcp_cwnd_restart) halves it once per
     * RTO of idleness, down to min(IW, cwnd), and keeps ssthresh at least 3/4 of the old cwnd.
     */
    @Override
    public void sendingAfterIdle(long idle, long rto, long now) {
        if (!restartAfterIdle || idle <= rto) {
            return;
        }
        long restart = Math.min(initialWindow(), cwnd);
        ssthresh = Math.max(ssthresh == Long.MAX_VALUE ? 0 : ssthresh, cwnd / 4 * 3);
        if (ssthresh == 0) {
            ssthresh = Long.MAX_VALUE;
        }
        avoidance.reset();
        for (long delta = idle - rto; delta > 0 && cwnd > restart; delta -= rto) {
            cwnd >>= 1;
        }
        cwnd = Math.max(cwnd, restart);
    }

    /** Slow start below ssthresh (RFC 5681 3.1, equation 2, as Linux: one SMSS per SMSS acked), then avoidance. */
    @Override
    public void acked(long acked, long rtt, long now) {
        backedOff = false;
        if (cwnd < ssthresh) {
            long room = ssthresh - cwnd;
            long grow = Math.min(acked, room);
            cwnd += grow;
            acked -= grow;
            if (acked <= 0) {
                return;
            }
        }
        cwnd = avoidance.grow(cwnd, acked, smss, rtt, now);
    }

    @Override
    public void lossDetected(long flight, long now) {
        inRecovery = true;
        ssthresh = avoidance.ssthreshAfterLoss(cwnd, smss, now);
        priorCwnd = cwnd;
        prrDelivered = 0;
        prrOut = 0;
        if (!proportionalRateReduction) {
            // RFC 5681 3.2 steps 2 and 3: ssthresh, then cwnd = ssthresh + 3 SMSS ("inflates").
            cwnd = ssthresh + 3L * smss;
        }
    }

    @Override
    public void recoveryAck(long cumulative, long sacked, boolean duplicate, long pipe, long now) {
        if (!inRecovery) {
            return;
        }
        if (!proportionalRateReduction) {
            if (duplicate) {
                cwnd += smss; // RFC 5681 3.2 step 4: each further duplicate ACK
            } else if (cumulative > 0) {
                // RFC 6582 3.2 step 5, partial ACK: deflate by what it acknowledged, add back one SMSS.
                cwnd = Math.max(smss, cwnd - cumulative + (cumulative >= smss ? smss : 0));
            }
            return;
        }
        // RFC 6937 3.1 (Linux tcp_cwnd_reduction), with its slow-start reduction bound.
        long delivered = cumulative + sacked;
        if (delivered <= 0) {
            return;
        }
        prrDelivered += delivered;
        long sndcnt;
        if (pipe > ssthresh) {
            sndcnt = ceilDiv(prrDelivered * ssthresh, Math.max(1, priorCwnd)) - prrOut;
        } else {
            long limit = Math.max(prrDelivered - prrOut, delivered) + (cumulative > 0 ? smss : 0);
            sndcnt = Math.min(ssthresh - pipe, limit);
        }
        sndcnt = Math.max(sndcnt, prrOut == 0 ? smss : 0);
        cwnd = pipe + sndcnt;
    }

    @Override
    public void recoveryEnded(long now) {
        if (inRecovery) {
            inRecovery = false;
            // RFC 5681 3.2 step 6 ("deflating" the window), RFC 6937 3: cwnd = ssthresh.
            cwnd = ssthresh;
        }
    }

    /**
     * RFC 5681 3.1, equation 4: ssthresh = max(FlightSize / 2, 2 SMSS) (the algorithm's beta),
     * and cwnd = the loss window, one SMSS; slow start begins again.
     */
    @Override
    public void timedOut(long flight, long now) {
        if (!inRecovery && !backedOff) {
            // Linux tcp_enter_loss: only the first timeout of a loss episode lowers ssthresh.
            ssthresh = avoidance.ssthreshAfterLoss(cwnd, smss, now);
        }
        backedOff = true;
        inRecovery = false;
        avoidance.reset();
        cwnd = smss;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return "cwnd " + cwnd + " ssthresh " + (ssthresh == Long.MAX_VALUE ? "inf" : ssthresh);
    }
}
