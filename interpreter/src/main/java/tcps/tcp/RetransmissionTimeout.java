package tcps.tcp;

import static tcps.tcp.Parameters.CLOCK_GRANULARITY;
import static tcps.tcp.Parameters.INITIAL_RTO;
import static tcps.tcp.Parameters.MAX_RTO;
import static tcps.tcp.Parameters.MIN_RTO;
import static tcps.tcp.Parameters.RTO_MIN_ON_VARIANCE;

/**
 * The retransmission timeout of one connection, RFC 6298 section 2: SRTT and RTTVAR from RTT
 * samples, RTO from them, bounded by the profile, and the exponential back-off of section 5.5.
 * Times are microseconds; the arithmetic is integer (the fractions 1/8 and 1/4 truncate).
 */
final class RetransmissionTimeout {
    /** K of RFC 6298 2.2 and 2.3. */
    private static final int K = 4;
    /** RFC 6298 5.7: the RTO once data transmission begins if the handshake gave no sample. */
    static final long FALLBACK = 3_000_000;

    private final Profile profile;
    private boolean sampled;
    private long srtt;
    private long rttvar;
    /** The RTO before back-off. */
    private long base;
    /** How many times the timer has backed off since the last sample (RFC 6298 5.5). */
    private int backoff;

    RetransmissionTimeout(Profile profile) {
        this.profile = profile;
        // (2.1) "Until a round-trip time (RTT) measurement has been made ... the sender SHOULD set
        // RTO <- 1 second"; the profile says how long (Linux: TCP_TIMEOUT_INIT, 1 s).
        this.base = profile.get(INITIAL_RTO);
    }

    /** Takes an RTT measurement R (2.2, 2.3) and recomputes RTO; a new sample ends back-off. */
    void sample(long r) {
        r = Math.max(0, r);
        if (!sampled) {
            // (2.2) "SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max (G, K*RTTVAR)"
            srtt = r;
            rttvar = r / 2;
            sampled = true;
        } else {
            // (2.3) "RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|,
            //        SRTT <- (1 - alpha) * SRTT + alpha * R'", alpha = 1/8, beta = 1/4, RTTVAR first.
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        long variance = Math.max(profile.get(CLOCK_GRANULARITY), K * rttvar);
        if (profile.get(RTO_MIN_ON_VARIANCE)) {
            // Linux keeps its variance term (rttvar_us) at least tcp_rto_min, so the RTO of a path
            // with a short RTT is that RTT plus 200 ms rather than 200 ms.
            base = srtt + Math.max(variance, profile.get(MIN_RTO));
        } else {
            // (2.4) "Whenever RTO is computed, if it is less than 1 second, then the RTO SHOULD be
            // rounded up to 1 second"; the profile gives the bound.
            base = Math.max(srtt + variance, profile.get(MIN_RTO));
        }
        // (2.5) "A maximum value MAY be placed on RTO provided it is at least 60 seconds."
        base = Math.min(base, profile.get(MAX_RTO));
        // Section 5, after 5.7: a new RTT measurement "may result in 'collapsing' RTO back down
        // after it has been subject to exponential back off".
        backoff = 0;
    }

    /** The RTO to start the timer with now: the computed RTO, doubled per back-off, at most max_rto. */
    long current() {
        long rto = base;
        for (int i = 0; i < backoff && rto < profile.get(MAX_RTO); i++) {
            rto *= 2;
        }
        return Math.min(rto, profile.get(MAX_RTO));
    }

    /** (5.5) "The host MUST set RTO <- RTO * 2 ("back off the timer")". */
    void backOff() {
        if (current() < profile.get(MAX_RTO)) {
            backoff++;
        }
    }

    /** The back-off ends without a sample (Linux tcp_ack_probe, when a zero window opens). */
    void clearBackoff() {
        backoff = 0;
    }

    /** (5.7) No sample from the handshake after a SYN timed out: RTO 3 s once data may flow. */
    void fallBackIfUnsampled() {
        if (!sampled) {
            base = Math.max(FALLBACK, profile.get(MIN_RTO));
            backoff = 0;
        }
    }

    boolean sampled() {
        return sampled;
    }

    /** SRTT in µs; 0 before the first sample. */
    long srtt() {
        return srtt;
    }

    /** RTTVAR in µs; 0 before the first sample. */
    long rttvar() {
        return rttvar;
    }

    /** The RTO before back-off, µs. */
    long base() {
        return base;
    }

    int backoffs() {
        return backoff;
    }

    @Override
    public String toString() {
        return "SRTT " + srtt + " RTTVAR " + rttvar + " RTO " + current();
    }
}
