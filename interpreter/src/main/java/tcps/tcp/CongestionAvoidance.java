package tcps.tcp;

/**
 * The part of a congestion control algorithm that differs between Reno and CUBIC: how far
 * ssthresh falls on a loss, and how cwnd grows in congestion avoidance (cwnd >= ssthresh).
 * Windows are in bytes; {@code smss} is the sender's MSS.
 */
interface CongestionAvoidance {
    /** ssthresh after a loss with congestion window {@code cwnd}. */
    long ssthreshAfterLoss(long cwnd, int smss, long now);

    /** cwnd after an ACK of {@code acked} bytes in congestion avoidance. */
    long grow(long cwnd, long acked, int smss, long rtt, long now);

    /** The window restarts after idle or a timeout: forget the epoch. */
    default void reset() {}

    static CongestionAvoidance of(CongestionControl.Kind kind) {
        return kind == CongestionControl.Kind.CUBIC ? new Cubic() : new Reno();
    }

    /**
     * RFC 5681 (Linux tcp_reno_cong_avoid, tcp_cong_avoid_ai): one SMSS more per window of data
     * acknowledged; a loss sets ssthresh to half the window, at least two segments.
     */
    final class Reno implements CongestionAvoidance {
        /** Bytes acknowledged towards the next SMSS of growth (Linux snd_cwnd_cnt). */
        private long credit;

        @Override
        public long ssthreshAfterLoss(long cwnd, int smss, long now) {
            // Linux tcp_reno_ssthresh counts whole segments: max(cwnd >> 1, 2).
            return Math.max(cwnd / smss / 2, 2L) * smss;
        }

        @Override
        public long grow(long cwnd, long acked, int smss, long rtt, long now) {
            credit += acked;
            if (credit >= cwnd) {
                credit -= cwnd;
                return cwnd + smss;
            }
            return cwnd;
        }

        @Override
        public void reset() {
            credit = 0;
        }
    }

    /**
     * CUBIC (RFC 9438, Linux tcp_cubic): after a loss the window follows W(t) = C (t - K)^3 +
     * W_max, C = 0.4 segments/s^3, K the time to get back to W_max, and never grows slower than
     * Reno would with the same beta (the Reno-friendly region, 4.3); beta 0.7 (Linux 717/1024),
     * with fast convergence (4.7). Linux's HyStart (leaving slow start on rising delay) is not
     * modelled.
     */
    final class Cubic implements CongestionAvoidance {
        private static final double C = 0.4;
        private static final double BETA = 717.0 / 1024;
        private long epochStart = -1;
        private double wMax;
        private double wLastMax;
        private double k;
        /** W_est of RFC 9438 4.3, in segments. */
        private double wEst;

        @Override
        public long ssthreshAfterLoss(long cwnd, int smss, long now) {
            double w = (double) cwnd / smss;
            // 4.7 fast convergence: a loss below the last maximum releases bandwidth.
            wMax = w < wLastMax ? w * (1 + BETA) / 2 : w;
            wLastMax = w;
            epochStart = -1;
            // Linux bictcp_recalc_ssthresh, in whole segments: max(cwnd * 717 / 1024, 2).
            return Math.max(cwnd / smss * 717 / 1024, 2L) * smss;
        }

        @Override
        public long grow(long cwnd, long acked, int smss, long rtt, long now) {
            double w = (double) cwnd / smss;
            if (epochStart < 0) {
                epochStart = now;
                if (w < wMax) {
                    k = Math.cbrt((wMax - w) / C);
                } else {
                    k = 0;
                    wMax = w;
                }
                wEst = w;
            }
            double t = (now - epochStart + rtt) / 1e6;
            double target = C * Math.pow(t - k, 3) + wMax;
            // 4.3: W_est grows like Reno with alpha = 3 (1 - beta) / (1 + beta) segments per RTT.
            double segments = (double) acked / smss;
            wEst += 3 * (1 - BETA) / (1 + BETA) * segments / w;
            double next = w;
            if (wEst > w) {
                next = wEst;
            } else if (target > w) {
                // 4.4: (target - cwnd) / cwnd segments per segment acknowledged.
                next = w + Math.min(target - w, w * 0.5) * segments / w;
            }
            return Math.max(cwnd, (long) (next * smss));
        }

        @Override
        public void reset() {
            epochStart = -1;
            wMax = 0;
            wLastMax = 0;
        }
    }
}
