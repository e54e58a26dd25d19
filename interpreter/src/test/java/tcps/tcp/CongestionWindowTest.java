package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** cwnd and ssthresh by the rules of RFC 5681, RFC 6937 and RFC 9438, segment by segment. */
class CongestionWindowTest {
    private static final int MSS = 1000;

    private static CongestionWindow reno(int iw, boolean prr) {
        CongestionWindow w = new CongestionWindow(new CongestionAvoidance.Reno(), iw, prr, true);
        w.start(MSS);
        return w;
    }

    @Test
    void theInitialWindowIsTheProfilesOrRfc5681s() {
        assertEquals(10 * MSS, reno(10, true).window(), "RFC 6928 IW10");
        assertEquals(4 * MSS, reno(0, false).window(), "RFC 5681: min(4 SMSS, max(2 SMSS, 4380)) for 1000");
        CongestionWindow big = new CongestionWindow(new CongestionAvoidance.Reno(), 0, false, true);
        big.start(1460);
        assertEquals(4380, big.window(), "3 segments of 1460");
        CongestionWindow huge = new CongestionWindow(new CongestionAvoidance.Reno(), 0, false, true);
        huge.start(65483);
        assertEquals(2 * 65483, huge.window(), "2 segments above 2190 bytes");
    }

    @Test
    void slowStartDoublesPerRoundTripThenRenoAddsOneSegmentPerWindow() {
        CongestionWindow w = reno(10, true);
        for (int i = 0; i < 10; i++) {
            w.acked(MSS, 0, 0);
        }
        assertEquals(20 * MSS, w.window(), "one SMSS per SMSS acknowledged (RFC 5681 3.1)");
        w.lossDetected(20 * MSS, 0);
        w.recoveryEnded(0);
        assertEquals(10 * MSS, w.window(), "Reno halves: cwnd = ssthresh = 10 segments");
        for (int i = 0; i < 10; i++) {
            w.acked(MSS, 0, 0);
        }
        assertEquals(11 * MSS, w.window(), "congestion avoidance: one SMSS per window acknowledged");
    }

    @Test
    void aTimeoutLeavesOneSegmentAndSlowStartUpToSsthresh() {
        CongestionWindow w = reno(10, true);
        w.timedOut(10 * MSS, 0);
        assertEquals(MSS, w.window(), "the loss window (RFC 5681 3.1)");
        assertEquals(5 * MSS, w.slowStartThreshold());
        w.timedOut(MSS, 0);
        assertEquals(5 * MSS, w.slowStartThreshold(), "a second timeout of the same episode keeps ssthresh");
        for (int i = 0; i < 6; i++) {
            w.acked(MSS, 0, 0);
        }
        assertEquals(5 * MSS, w.window(), "slow start stops at ssthresh, then one SMSS per window");
    }

    @Test
    void rfc5681FastRecoveryInflatesByOneSegmentPerDuplicateAck() {
        CongestionWindow w = reno(0, false); // 4 segments
        for (int i = 0; i < 4; i++) {
            w.acked(MSS, 0, 0);
        }
        w.lossDetected(8 * MSS, 0);
        assertEquals(4 * MSS, w.slowStartThreshold());
        assertEquals(7 * MSS, w.window(), "ssthresh + 3 SMSS");
        w.recoveryAck(0, 0, true, 7 * MSS, 0);
        assertEquals(8 * MSS, w.window(), "+1 SMSS per further duplicate ACK");
        w.recoveryAck(2 * MSS, 0, false, 5 * MSS, 0);
        assertEquals(7 * MSS, w.window(), "a partial ACK deflates by what it acknowledged, plus one SMSS (RFC 6582)");
        w.recoveryEnded(0);
        assertEquals(4 * MSS, w.window(), "deflated to ssthresh");
    }

    @Test
    void proportionalRateReductionSendsSsthreshOverCwndPerSegmentDelivered() {
        CongestionWindow w = reno(10, true);
        w.lossDetected(10 * MSS, 0);
        assertEquals(5 * MSS, w.slowStartThreshold());
        // The first ACK of recovery always lets the retransmission go.
        w.recoveryAck(0, MSS, true, 9 * MSS, 0);
        assertEquals(10 * MSS, w.window(), "pipe + 1 segment: the fast retransmit");
        w.sent(MSS, 0);
        long sentAllowed = 0;
        long pipe = 9 * MSS;
        for (int i = 0; i < 8; i++) {
            pipe -= MSS;
            w.recoveryAck(0, MSS, true, pipe, 0);
            long room = w.window() - pipe;
            if (room >= MSS) {
                w.sent(MSS, 0);
                pipe += MSS;
                sentAllowed++;
            }
        }
        assertEquals(4, sentAllowed, "9 delivered x 5/10 = 4.5 segments, less the retransmission");
    }

    @Test
    void cubicKeepsSeventyPercentAndGrowsBackTowardsTheOldMaximum() {
        CongestionWindow w = new CongestionWindow(new CongestionAvoidance.Cubic(), 10, true, true);
        w.start(MSS);
        for (int i = 0; i < 90; i++) {
            w.acked(MSS, 0, 0);
        }
        assertEquals(100 * MSS, w.window());
        w.lossDetected(100 * MSS, 0);
        w.recoveryEnded(0);
        assertEquals(70 * MSS, w.window(), "beta 0.7 (Linux: 100 x 717 / 1024 segments, rounded down)");
        long now = 0;
        long before = w.window();
        for (int round = 0; round < 200; round++) {
            now += 10_000; // 10 ms rounds
            long cwnd = w.window();
            for (long acked = 0; acked < cwnd; acked += MSS) {
                w.acked(MSS, 10_000, now);
            }
        }
        assertTrue(w.window() > before, "it grows");
        assertTrue(w.window() >= 100 * MSS, "2 s of 10 ms rounds: the Reno-friendly estimate (RFC 9438 4.3) alone passes W_max: "
                + w.window());
    }

    @Test
    void countedInWholeSegmentsAFractionOfOneDoesNotShow() {
        // packetdrill prr-ss-10pkt-lost-1: recovery ends with cwnd = ssthresh = 7; the ACK that
        // ends it delivers 9 segments, which CUBIC's avoidance turns into less than one segment.
        CongestionWindow whole = new CongestionWindow(new CongestionAvoidance.Cubic(), 10, true, true, true);
        CongestionWindow bytes = new CongestionWindow(new CongestionAvoidance.Cubic(), 10, true, true, false);
        for (CongestionWindow w : List.of(whole, bytes)) {
            w.start(MSS);
            w.lossDetected(10 * MSS, 0);
            w.recoveryEnded(0);
            w.acked(9 * MSS, 100_000, 0);
        }
        assertEquals(7 * MSS, whole.window());
        assertTrue(bytes.window() > 7 * MSS && bytes.window() < 8 * MSS, "in bytes: " + bytes.window());
    }

    @Test
    void restartAfterIdleHalvesPerRtoDownToTheInitialWindow() {
        CongestionWindow w = reno(10, true);
        for (int i = 0; i < 70; i++) {
            w.acked(MSS, 0, 0);
        }
        assertEquals(80 * MSS, w.window());
        w.sendingAfterIdle(150_000, 200_000, 0);
        assertEquals(80 * MSS, w.window(), "idle less than an RTO: no restart");
        w.sendingAfterIdle(1_000_000, 200_000, 0);
        assertEquals(10 * MSS, w.window(), "1 s idle with RTO 200 ms: 80 -> 40 -> 20 -> 10, at least IW");
        CongestionWindow off = new CongestionWindow(new CongestionAvoidance.Reno(), 10, true, false);
        off.start(MSS);
        off.acked(10 * MSS, 0, 0);
        off.sendingAfterIdle(10_000_000, 200_000, 0);
        assertEquals(20 * MSS, off.window(), "slow_start_after_idle false keeps cwnd");
    }
}
