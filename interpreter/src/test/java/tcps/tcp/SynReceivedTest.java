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
import org.junit.jupiter.api.Test;

/** SYN-RECEIVED, reached from LISTEN (passive) or from SYN-SENT (simultaneous open). */
class SynReceivedTest {
    private static final String SECTION = "RFC 9293 3.10.7.4";

    private static final List<TcpOption> SYN_ACK_OPTIONS = List.of(new TcpOption.Mss(65495),
            TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(100, Fixture.PEER_TSVAL), TcpOption.NOP,
            new TcpOption.WindowScale(7));

    /** Simultaneous open: our SYN crossed the peer's; our SYN-ACK is out. */
    private static Fixture activeSynReceived() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.arrive(fx.peerSyn());
        fx.events.clear();
        return fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void acceptableAckEstablishes() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.events.clear();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals(List.of("SYN-RECEIVED -> ESTABLISHED"), fx.transitions());
        assertEquals(65536, fx.conn.sndWnd(), "SND.WND <- SEG.WND << 7");
        assertEquals(Fixture.OUR_ISS.plus(1), fx.conn.sndUna());
        fx.expectNoDiscards();
    }

    @Test
    void ackWithDataEstablishesAndTakesTheData() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hi")), fx.ours(ACK).seq(1).ack(3));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals("hi", Fixture.text(fx.conn.received()));
    }

    @Test
    void unacceptableAckGetsRst() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        // <SEQ=SEG.ACK><CTL=RST>
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(9)),
                fx.ours(RST).seq(9).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("ACK in SYN-RECEIVED does not acknowledge our SYN-ACK", SECTION + " fifth check");
        fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void ackOfTheIssItselfGetsRst() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(0)),
                fx.ours(RST).seq(0).ackAbsolute(0).win(0).noOptions());
        fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void rstFromAPassiveOpenReturnsToListen() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
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
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST).seq(50)), fx.ours(ACK).seq(1).ack(1).win(512));
        fx.expectDiscarded("challenge ACK", SECTION + " second check, RFC 5961 3.2");
        fx.expectState(TcpState.SYN_RECEIVED);
    }

    @Test
    void duplicateSynGetsTheSynAckAgain() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peerSyn()),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65483).options(SYN_ACK_OPTIONS));
        fx.expectDiscarded("duplicate SYN in SYN-RECEIVED: SYN-ACK sent again", SECTION + " first check");
        fx.expectState(TcpState.SYN_RECEIVED);
        assertEquals(1, fx.tcb().retransmissionQueue.entries().size(), "the resent SYN-ACK replaces the first");
    }

    @Test
    void anotherSynInTheWindowReturnsAPassiveOpenToListen() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(SYN).seq(100).options(fx.peerSynOptions(0))));
        fx.expectDiscarded("connection returned to LISTEN", SECTION + " fourth check");
        fx.expectState(TcpState.CLOSED);
        assertEquals(TcpState.LISTEN, fx.listener.state());
    }

    @Test
    void segmentWithoutAckIsDropped() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH).seq(1).data("x")));
        fx.expectDiscarded("segment without ACK is dropped", SECTION + " fifth check");
        fx.expectState(TcpState.SYN_RECEIVED);
        assertEquals(0, fx.conn.received().length);
    }

    @Test
    void unacceptableSegmentGetsAnAck() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(70000).ack(1).data("far")),
                fx.ours(ACK).seq(1).ack(1).win(512));
        fx.expectDiscarded("segment not acceptable", SECTION + " first check");
    }

    @Test
    void closeSendsFinAndEntersFinWait1() {
        Fixture fx = Fixture.synReceived(Profile.LINUX);
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
        Fixture fx = Fixture.synReceived(Profile.LINUX);
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
        Fixture fx = Fixture.synReceived(Profile.LINUX);
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(1).ack(1).win(512));
        fx.expectState(TcpState.CLOSED);
        assertTrue(fx.host.connections().isEmpty());
    }
}
