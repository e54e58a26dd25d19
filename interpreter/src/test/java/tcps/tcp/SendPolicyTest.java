package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.PSH;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a segment shorter than a full one goes (SendPolicy): Nagle's algorithm (RFC 9293 3.7.4;
 * Linux's Minshall variant), TCP_NODELAY, sender SWS avoidance (RFC 9293 3.8.6.2.1; Linux
 * tcp_snd_wnd_test), the persist timer as the override timeout, and Linux's forced PSH. The
 * peer (Fixture) has MSS 1460 with timestamps, so our segments carry at most 1448 bytes, and
 * window scale 7: {@code win(1)} is 128 bytes.
 */
class SendPolicyTest {
    private static final int SMSS = 1448;

    private static Fixture linux() {
        return Fixture.established(Stacks.LINUX);
    }

    private static Fixture withNoDelay(Fixture fx) {
        fx.conn.setOptions(fx.conn.options().withNoDelay(true), fx.now);
        return fx;
    }

    private static List<Integer> lengths(List<Segment> segments) {
        List<Integer> out = new ArrayList<>();
        for (Segment s : segments) {
            out.add(s.length());
        }
        return out;
    }

    // ---- Nagle

    @Test
    void nagleHoldsASmallSegmentWhileASmallOneIsUnacknowledged() {
        Fixture fx = linux();
        fx.conn.send(Fixture.bytes("ab"), fx.now);
        fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(1).data("ab"));
        fx.conn.send(Fixture.bytes("cd"), fx.now);
        fx.conn.send(Fixture.bytes("ef"), fx.now);
        fx.expectSent(fx.sent()); // held: "ab" is small and unacknowledged
        fx.at(30_000);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(3)), fx.ours(PSH | ACK).seq(3).ack(1).data("cdef"));
    }

    @Test
    void minshallLetsTheTailOfAWriteGoBehindFullSegments() {
        // Linux: what is in flight is full-sized, so the 10-byte tail goes at once (https_client.pkt).
        Fixture fx = linux();
        fx.conn.send(new byte[2 * SMSS + 10], fx.now);
        assertEquals(List.of(SMSS, SMSS, 10), lengths(fx.sent()));
    }

    @Test
    void classicNagleHoldsTheTailWhileAnyDataIsUnacknowledged() {
        Fixture fx = Fixture.established(Stacks.LINUX.with("nagle", "classic"));
        fx.conn.send(new byte[2 * SMSS + 10], fx.now);
        assertEquals(List.of(SMSS, SMSS), lengths(fx.sent()));
        assertEquals(List.of(), fx.arrive(fx.peer(ACK).seq(1).ack(1 + SMSS)), "one segment still in flight");
        assertEquals(List.of(10), lengths(fx.arrive(fx.peer(ACK).seq(1).ack(1 + 2 * SMSS))));
    }

    @Test
    void tcpNodelaySendsEverySmallWriteAtOnce() {
        Fixture fx = withNoDelay(linux());
        fx.conn.send(Fixture.bytes("ab"), fx.now);
        fx.conn.send(Fixture.bytes("cd"), fx.now);
        fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(1).data("ab"),
                fx.ours(PSH | ACK).seq(3).ack(1).data("cd"));
    }

    @Test
    void settingTcpNodelayPushesWhatNagleHolds() {
        // Linux do_tcp_setsockopt: TCP_NODELAY on calls tcp_push_pending_frames.
        Fixture fx = linux();
        fx.conn.send(Fixture.bytes("ab"), fx.now);
        fx.sent();
        fx.conn.send(Fixture.bytes("cd"), fx.now);
        fx.expectSent(fx.sent());
        withNoDelay(fx);
        fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(3).ack(1).data("cd"));
    }

    @Test
    void theFinTakesTheHeldDataWithIt() {
        // Linux tcp_nagle_test and BSD tcp_output: Nagle never holds the segment with the FIN.
        Fixture fx = linux();
        fx.conn.send(Fixture.bytes("ab"), fx.now);
        fx.sent();
        fx.conn.send(Fixture.bytes("cd"), fx.now);
        fx.conn.close(fx.now);
        fx.expectSent(fx.sent(), fx.ours(FIN | PSH | ACK).seq(3).ack(1).data("cd"));
    }

    @Test
    void noNagleSendsAtOnceWithoutTheOption() {
        Fixture fx = Fixture.established(Stacks.LINUX.with("nagle", "none"));
        fx.conn.send(Fixture.bytes("ab"), fx.now);
        fx.conn.send(Fixture.bytes("cd"), fx.now);
        assertEquals(List.of(2, 2), lengths(fx.sent()));
    }

    // ---- Sender SWS avoidance and the override timeout

    @Test
    void linuxWaitsForAWindowThatTakesTheWholeSegment() {
        // packetdrill tcp-info-rwnd-limited: 1000 bytes wait at a 10-byte window.
        Fixture fx = linux();
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1)); // 128 bytes
        fx.conn.send(new byte[300], fx.now);
        fx.expectSent(fx.sent());
        assertEquals(List.of(300), lengths(fx.arrive(fx.peer(ACK).seq(1).ack(1).win(3))), "384 bytes take it");
    }

    @Test
    void withoutSenderSwsTheWindowIsFilledWithSmallSegments() {
        Fixture fx = Fixture.established(Stacks.LINUX.with("sender_sws", "none"));
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1));
        fx.conn.send(new byte[300], fx.now);
        assertEquals(List.of(128), lengths(fx.sent()));
    }

    @Test
    void thePersistTimerSendsWhatTheWindowTakesSoNothingWaitsForEver() {
        // captures/sws-small-window: 1000 bytes queued at a 48-byte window; one RTO later
        // (tcp_write_wakeup) 48 bytes go, with PSH, and the rest when the window opens.
        Fixture fx = linux();
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1));
        fx.conn.send(new byte[300], fx.now);
        fx.expectSent(fx.sent());
        long rto = fx.tcb().rto.current();
        List<Fixture.Timed> timed = fx.runTimers(rto);
        assertEquals(1, timed.size(), timed.toString());
        Segment probe = timed.get(0).segment();
        assertEquals(rto, timed.get(0).at());
        assertEquals(128, probe.length());
        assertTrue(probe.has(TcpFlags.PSH), "the override sends with PSH");
        assertEquals(List.of(172), lengths(fx.arrive(fx.peer(ACK).seq(1).ack(129).win(2))));
    }

    @Test
    void rfcSendsWhenHalfTheLargestWindowCanGo() {
        // RFC 9293 3.8.6.2.1 (3): min(D, U) >= Fs * Max(SND.WND), Fs = 1/2, nothing in flight.
        // The textbook stack sends segments of 536 bytes; the peer's SYN-ACK offers 1000 bytes,
        // the largest window it will offer, then 520. 600 bytes are queued: 520 of them, more
        // than half the largest window, may go. Linux's rule would wait for a window of 536.
        Fixture fx = Fixture.synSent(Stacks.RFC9293);
        fx.arrive(fx.peerSynAck().win(1000));
        fx.expectState(TcpState.ESTABLISHED);
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(520));
        fx.conn.send(new byte[600], fx.now);
        assertEquals(List.of(520), lengths(fx.sent()));
        assertEquals(List.of(80), lengths(fx.arrive(fx.peer(ACK).seq(1).ack(521).win(1000))));

        Fixture whole = Fixture.synSent(Stacks.RFC9293.with("sender_sws", "linux"));
        whole.arrive(whole.peerSynAck().win(1000));
        whole.arrive(whole.peer(ACK).seq(1).ack(1).win(520));
        whole.conn.send(new byte[600], whole.now);
        assertEquals(List.of(), whole.sent());
    }

    @Test
    void rfcWaitsWhenLessThanHalfTheLargestWindowCanGo() {
        Fixture fx = Fixture.established(Stacks.RFC9293);
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(500));
        fx.conn.send(new byte[600], fx.now);
        fx.expectSent(fx.sent()); // 500 bytes: less than a segment, less than 65535 / 2
        // A full segment goes; classic Nagle holds the 64-byte rest until it is acknowledged.
        assertEquals(List.of(536), lengths(fx.arrive(fx.peer(ACK).seq(1).ack(1).win(40_000))));
        assertEquals(List.of(64), lengths(fx.arrive(fx.peer(ACK).seq(1).ack(537).win(40_000))));
    }

    @Test
    void rfcOverrideTimeoutSendsWhatTheWindowTakes() {
        Fixture fx = Fixture.established(Stacks.RFC9293);
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(100));
        fx.conn.send(new byte[600], fx.now);
        fx.expectSent(fx.sent());
        List<Fixture.Timed> timed = fx.runTimers(fx.tcb().rto.current());
        assertEquals(1, timed.size(), timed.toString());
        assertEquals(100, timed.get(0).segment().length());
    }

    // ---- PSH

    @Test
    void forcedPushMarksTheSegmentThatPassesHalfTheLargestWindow() {
        // Linux forced_push: the peer's largest window is 65536 bytes (win 512 at scale 7), so
        // the first full segment ending beyond 32768 unpushed bytes gets PSH, then the count
        // starts again (captures/forced-push: win 16384, PSH at 9000, 18000, 27000 ...).
        Fixture fx = Fixture.established(Stacks.LINUX.with("congestion_control", "none"));
        fx.arrive(fx.peer(ACK).seq(1).ack(1));
        fx.conn.send(new byte[50 * SMSS], fx.now);
        List<Segment> sent = fx.sent();
        List<Integer> pushedEnds = new ArrayList<>();
        for (Segment s : sent) {
            if (s.has(TcpFlags.PSH)) {
                pushedEnds.add((int) s.seqEnd().distanceFrom(Fixture.OUR_ISS.plus(1)));
            }
        }
        // 23 x 1448 = 33304 > 32768 >= 22 x 1448; the window (65536) ends the burst at 45 segments
        assertEquals(List.of(23 * SMSS), pushedEnds);
        assertEquals(45, sent.size());
        Fixture off = Fixture.established(Stacks.LINUX.with("congestion_control", "none").with("forced_push", false));
        off.conn.send(new byte[50 * SMSS], off.now);
        assertFalse(off.sent().stream().anyMatch(s -> s.has(TcpFlags.PSH)));
    }

    @Test
    void aSegmentThatEndsBeyondAWriteDoesNotTakeItsPsh() {
        // Linux tcp_sendmsg: a write that appends to a segment clears the PSH the previous
        // write put there; PSH goes on the segment that ends a write.
        Fixture fx = linux();
        fx.conn.send(Fixture.bytes("ab"), fx.now);
        fx.sent();
        fx.conn.send(new byte[10], fx.now);        // held by Nagle
        fx.conn.send(new byte[SMSS + 5], fx.now);  // fills the held segment and more
        List<Segment> sent = fx.arrive(fx.peer(ACK).seq(1).ack(3));
        assertEquals(List.of(SMSS, 15), lengths(sent));
        assertFalse(sent.get(0).has(TcpFlags.PSH), "the first write's end is inside it, not at its end");
        assertTrue(sent.get(1).has(TcpFlags.PSH));
    }
}
