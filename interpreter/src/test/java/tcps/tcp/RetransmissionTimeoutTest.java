package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 6298 section 2 and 5.5, number by number. Times in µs. */
class RetransmissionTimeoutTest {
    private static final long MS = 1_000;
    private static final long S = 1_000_000;

    /** RFC 6298 as written: G 1 ms, RTO at least 1 s, at most 60 s. */
    private static RetransmissionTimeout rfc() {
        return new RetransmissionTimeout(Stacks.RFC9293);
    }

    @Test
    void beforeAnySampleTheRtoIsTheInitialOne() {
        RetransmissionTimeout rto = rfc();
        assertFalse(rto.sampled());
        assertEquals(1 * S, rto.current(), "(2.1) RTO <- 1 second");
        assertEquals(1 * S, new RetransmissionTimeout(Stacks.LINUX).current(), "Linux TCP_TIMEOUT_INIT");
    }

    @Test
    void firstSampleSetsSrttToRAndRttvarToHalfOfIt() {
        RetransmissionTimeout rto = rfc();
        rto.sample(800 * MS);
        // (2.2) SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + max(G, K*RTTVAR) = 800 + 4 * 400 ms
        assertEquals(800 * MS, rto.srtt());
        assertEquals(400 * MS, rto.rttvar());
        assertEquals(2_400 * MS, rto.current());
    }

    @Test
    void laterSamplesUpdateRttvarFirstThenSrtt() {
        RetransmissionTimeout rto = rfc();
        rto.sample(800 * MS);
        rto.sample(400 * MS);
        // (2.3) RTTVAR <- 3/4 * 400 + 1/4 * |800 - 400| = 400; SRTT <- 7/8 * 800 + 1/8 * 400 = 750
        assertEquals(400 * MS, rto.rttvar());
        assertEquals(750 * MS, rto.srtt());
        assertEquals(2_350 * MS, rto.current());
        rto.sample(750 * MS);
        // RTTVAR <- 3/4 * 400 + 1/4 * 0 = 300; SRTT stays 750; RTO = 750 + 1200
        assertEquals(300 * MS, rto.rttvar());
        assertEquals(750 * MS, rto.srtt());
        assertEquals(1_950 * MS, rto.current());
    }

    @Test
    void aSmallRtoIsRoundedUpToTheMinimum() {
        RetransmissionTimeout rto = rfc();
        rto.sample(10 * MS);
        assertEquals(1 * S, rto.current(), "(2.4) 10 + 4 * 5 ms is rounded up to 1 s");
    }

    @Test
    void theVarianceTermIsAtLeastTheClockGranularity() {
        RetransmissionTimeout rto = new RetransmissionTimeout(Stacks.RFC9293.with("min_rto", 1L)
                .with("clock_granularity", 100 * MS));
        rto.sample(2 * MS);
        assertEquals(102 * MS, rto.current(), "SRTT + max(G, 4 * 1 ms)");
    }

    @Test
    void linuxPutsItsMinimumOnTheVarianceTerm() {
        RetransmissionTimeout rto = new RetransmissionTimeout(Stacks.LINUX);
        rto.sample(20);
        // SRTT + max(200 ms, 4 * 10 µs): a loopback connection's RTO is min_rto plus its RTT.
        assertEquals(200 * MS + 20, rto.current());
        RetransmissionTimeout far = new RetransmissionTimeout(Stacks.LINUX);
        far.sample(100 * MS);
        assertEquals(300 * MS, far.current(), "100 + max(200, 4 * 50) ms");
        RetransmissionTimeout clamped = new RetransmissionTimeout(Stacks.LINUX.with("rto_min_on_variance", false));
        clamped.sample(20);
        assertEquals(200 * MS, clamped.current(), "RFC 6298 2.4: the sum is clamped instead");
    }

    @Test
    void backOffDoublesUpToTheMaximum() {
        RetransmissionTimeout rto = rfc();
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long e : expected) {
            assertEquals(e * S, rto.current());
            rto.backOff();
        }
    }

    @Test
    void aNewSampleCollapsesTheBackOff() {
        RetransmissionTimeout rto = rfc();
        rto.sample(2 * S);
        rto.backOff();
        rto.backOff();
        assertEquals(24 * S, rto.current(), "(2 + 4 * 1) s, doubled twice");
        rto.sample(2 * S);
        // RTTVAR 3/4 * 1 s = 750 ms; SRTT 2 s: RTO 5 s, no longer backed off
        assertEquals(5 * S, rto.current());
        assertEquals(0, rto.backoffs());
    }

    @Test
    void aHandshakeWithoutSampleFallsBackToThreeSeconds() {
        RetransmissionTimeout rto = rfc();
        rto.backOff();
        rto.fallBackIfUnsampled();
        assertEquals(3 * S, rto.current(), "(5.7)");
        RetransmissionTimeout sampled = rfc();
        sampled.sample(2 * S);
        sampled.fallBackIfUnsampled();
        assertTrue(sampled.current() != 3 * S, "a sample keeps its RTO");
    }
}
