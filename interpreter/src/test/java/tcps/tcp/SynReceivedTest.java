package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SYN-RECEIVED, reached from LISTEN (passive) or from SYN-SENT (simultaneous open). */
class SynReceivedTest {
    private static final String SECTION = "RFC 9293 3.10.7.4";

    private static final List<TcpOption> SYN_ACK_OPTIONS = List.of(new TcpOption.Mss(65495),
            TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(100, Fixture.PEER_TSVAL), TcpOption.NOP,
            new TcpOption.WindowScale(7));

    /** Simultaneous open: our SYN crossed the peer's; our SYN-ACK is out. */
    private static Fixture activeSynReceived() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.arrive(fx.peerSyn());
        fx.events.clear();
        return fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void acceptableAckEstablishes() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.events.clear();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals(List.of("SYN-RECEIVED -> ESTABLISHED"), fx.transitions());
        assertEquals(65536, fx.conn.sndWnd(), "SND.WND <- SEG.WND << 7");
        assertEquals(Fixture.OUR_ISS.plus(1), fx.conn.sndUna());
        fx.expectNoDiscards();
    }

    /**
     * macOS (seed 000, packet 4): a receive buffer larger than a SYN-ACK can offer is announced
     * by an ACK of its own as soon as the handshake is done.
     */
    @Nested
    class WindowUpdateAfterTheHandshake {
        private final Profile mac = Stacks.LINUX.named("mac").with("rcv_space", 408300)
                .with("round_rcv_space_to_mss", false).with("window_scale", 6).with("round_window_up", false)
                .with("advertise_free_space", true).with("ack_after_handshake", true);

        @Test
        void theWholeWindowIsAnnouncedAtOnce() {
            Fixture fx = Fixture.synReceived(mac);
            assertEquals(65535, fx.conn.rcvWnd(), "the SYN-ACK offered 65535");
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)), fx.ours(ACK).seq(1).ack(1).win(6379));
            fx.expectState(TcpState.ESTABLISHED);
            assertEquals(408300, fx.conn.rcvWnd(), "6379 << 6 = 408256 advertised, the edge kept in bytes");
        }

        @Test
        void noUpdateWhenTheSynAckOfferedEverything() {
            Fixture fx = Fixture.synReceived(mac.with("rcv_space", 65535));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
            fx.expectState(TcpState.ESTABLISHED);
        }

        @Test
        void withoutTheQuirkTheHandshakeAckIsNotAnswered() {
            Fixture fx = Fixture.synReceived(mac.with("ack_after_handshake", false));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        }
    }

    @Test
    void ackWithDataEstablishesAndTakesTheData() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hi")), fx.ours(ACK).seq(1).ack(3));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals("hi", Fixture.text(fx.events.received(fx.conn)));
    }

    @Test
    void unacceptableAckGetsRst() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        // <SEQ=SEG.ACK><CTL=RST>
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(9)),
                fx.ours(RST).seq(9).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("ACK in SYN-RECEIVED does not acknowledge our SYN-ACK", SECTION + " fifth check");
        fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void ackOfTheIssItselfGetsRst() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(0)),
                fx.ours(RST).seq(0).ackAbsolute(0).win(0).noOptions());
        fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void rstFromAPassiveOpenReturnsToListen() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.events.clear();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(1)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of("SYN-RECEIVED -> CLOSED"), fx.transitions());
        assertEquals(Optional.empty(), fx.conn.error(), "the user need not be informed");
        assertEquals(List.of(), fx.events.errors);
        assertEquals(TcpState.LISTEN, fx.listener.state());
        assertEquals(List.of(), fx.host.connections());
        // The listener takes the next SYN from the same peer as a new connection.
        fx.arrive(fx.peerSyn());
        assertEquals(2, fx.listener.connections().size());
        assertNotSame(fx.conn, fx.listener.connections().get(1));
        assertEquals(TcpState.SYN_RECEIVED, fx.listener.connections().get(1).state());
    }

    @Test
    void rstFromAnActiveOpenIsConnectionRefused() {
        Fixture fx = activeSynReceived();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(1)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ECONNREFUSED), fx.conn.error());
    }

    @Test
    void rstInTheWindowButNotAtRcvNxtGetsAChallengeAck() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST).seq(50)), fx.ours(ACK).seq(1).ack(1).win(512));
        fx.expectDiscarded("challenge ACK", SECTION + " second check, RFC 5961 3.2");
        fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void duplicateSynGetsTheSynAckAgain() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSyn()),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65483).options(SYN_ACK_OPTIONS));
        fx.expectDiscarded("duplicate SYN in SYN-RECEIVED: SYN-ACK sent again", SECTION + " first check");
        fx.expectState(TcpState.SYN_RECEIVED);
        assertEquals(1, fx.tcb().retransmissionQueue.entries().size(), "the resent SYN-ACK replaces the first");
    }

    @Test
    void anotherSynInTheWindowReturnsAPassiveOpenToListen() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(SYN).seq(100).options(fx.peerSynOptions(0))));
        fx.expectDiscarded("connection returned to LISTEN", SECTION + " fourth check");
        fx.expectState(TcpState.CLOSED);
        assertEquals(TcpState.LISTEN, fx.listener.state());
    }

    @Test
    void segmentWithoutAckIsDropped() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH).seq(1).data("x")));
        fx.expectDiscarded("segment without ACK is dropped", SECTION + " fifth check");
        fx.expectState(TcpState.SYN_RECEIVED);
        assertEquals(0, fx.events.received(fx.conn).length);
    }

    @Test
    void unacceptableSegmentGetsAnAck() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(70000).ack(1).data("far")),
                fx.ours(ACK).seq(1).ack(1).win(512));
        fx.expectDiscarded("segment not acceptable", SECTION + " first check");
    }

    @Test
    void closeSendsFinAndEntersFinWait1() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.events.clear();
        assertEquals(Optional.empty(), fx.conn.close(fx.now));
        fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(1).win(512));
        assertEquals(List.of("SYN-RECEIVED -> FIN-WAIT-1"), fx.transitions());
        // The ACK of our SYN-ACK and FIN together ends FIN-WAIT-1.
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(2)));
        fx.expectState(TcpState.FIN_WAIT_2);
    }

    @Test
    void closeWithDataQueuedWaitsForEstablished() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.conn.send(Fixture.bytes("bye"), fx.now);
        fx.conn.close(fx.now);
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.SYN_RECEIVED);
        fx.events.clear();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)),
                fx.ours(FIN | PSH | ACK).seq(1).ack(1).data("bye"));
        assertEquals(List.of("SYN-RECEIVED -> ESTABLISHED", "ESTABLISHED -> FIN-WAIT-1"), fx.transitions());
    }

    @Test
    void abortSendsRstAck() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(1).ack(1).win(512));
        fx.expectState(TcpState.CLOSED);
        assertTrue(fx.host.connections().isEmpty());
    }

    /**
     * The SYN-ACK of a passive open is retransmitted from the initial RTO with back-off (Linux
     * reqsk_timer_handler: 1 s, then 2 s, ...) and the half-open connection is dropped silently
     * when tcp_synack_retries are used up.
     */
    @Nested
    class SynAckRetransmission {
        @Test
        void synAckIsResentAt1s3s7s15s31sAndTheConnectionDroppedAt63s() {
            Fixture fx = Fixture.synReceived(Stacks.LINUX);
            List<Fixture.Timed> sent = fx.runTimers(100_000_000);
            assertEquals(List.of("1", "3", "7", "15", "31"), Fixture.seconds(sent));
            fx.expectState(TcpState.CLOSED);
            RecordingObserver.StateChange last = fx.events.stateChanges.get(fx.events.stateChanges.size() - 1);
            assertEquals("SYN-RECEIVED -> CLOSED", last.toString());
            assertEquals(63_000_000, last.now());
            assertEquals(List.of(), fx.events.errors, "the user need not be informed");
            assertEquals(TcpState.LISTEN, fx.listener.state(), "the listener carries on");
            assertEquals(List.of(), fx.host.connections());
        }

        @Test
        void fewerRetriesDropItSooner() {
            Fixture fx = Fixture.synReceived(Stacks.LINUX.with("synack_retries", 2));
            assertEquals(List.of("1", "3"), Fixture.seconds(fx.runTimers(100_000_000)));
            assertEquals(7_000_000, fx.events.stateChanges.get(fx.events.stateChanges.size() - 1).now());
            fx.expectState(TcpState.CLOSED);
        }

        @Test
        void theResentSynAckDiffersOnlyInItsTimestamp() {
            Fixture fx = Fixture.synReceived(Stacks.LINUX);
            fx.at(1_000_000);
            fx.expectSent(fx.sent(), fx.ours(SYN | ACK).seq(0).ack(1).win(65483).options(List.of(
                    new TcpOption.Mss(65495), TcpOption.SACK_PERMITTED,
                    new TcpOption.Timestamps(1100, Fixture.PEER_TSVAL), TcpOption.NOP, new TcpOption.WindowScale(7))));
        }

        @Test
        void anAckAfterAResentSynAckEstablishes() {
            Fixture fx = Fixture.synReceived(Stacks.LINUX);
            fx.at(1_000_000);
            fx.sent();
            fx.at(1_000_050);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
            fx.expectState(TcpState.ESTABLISHED);
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline(), "the SYN-ACK's timer is off");
        }

        @Test
        void simultaneousOpenResendsItsSynAckUnderSynRetries() {
            Fixture fx = activeSynReceived();
            List<Fixture.Timed> sent = fx.runTimers(10_000_000);
            assertTrue(sent.stream().allMatch(t -> t.segment().has(SYN) && t.segment().has(ACK)), sent.toString());
            assertEquals(List.of("1", "3", "7"), Fixture.seconds(sent).subList(0, 3));
        }
    }
}
