package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Active OPEN (RFC 9293 3.10.1) and SEGMENT ARRIVES in SYN-SENT (3.10.7.3). */
class SynSentTest {
    private static final String SECTION = "RFC 9293 3.10.7.3";

    @Test
    void activeOpenSendsTheSynOfSeed000() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.opening, fx.ours(SYN).seq(0).win(65495).options(List.of(
                new TcpOption.Mss(65495), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(100, 0),
                TcpOption.NOP, new TcpOption.WindowScale(7))));
        assertEquals(List.of("CLOSED -> SYN-SENT"), fx.transitions());
        assertEquals(Fixture.OUR_ISS, fx.conn.sndUna());
        assertEquals(Fixture.OUR_ISS.plus(1), fx.conn.sndNxt());
        assertTrue(fx.conn.irs().isEmpty());
        assertEquals(1, fx.tcb().retransmissionQueue.entries().size(), "the SYN awaits its ACK");
    }

    @Test
    void textbookSynHasNoOptions() {
        Fixture fx = Fixture.synSent(Profile.RFC9293);
        fx.expectSent(fx.opening, fx.ours(SYN).seq(0).win(65392).noOptions());
    }

    @Test
    void synAckEstablishesAndIsAcknowledgedAtOnce() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        // Seed 000 line 3: win 512 is 65495 rounded up to 2^7 and shifted by 7.
        fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(ACK).seq(1).ack(1).win(512));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> ESTABLISHED"), fx.transitions());
        assertEquals(Fixture.OUR_ISS.plus(1), fx.conn.sndUna());
        assertEquals(Fixture.PEER_ISN.plus(1), fx.conn.rcvNxt());
        assertEquals(65535, fx.conn.sndWnd(), "a SYN-ACK's window is not scaled");
        assertEquals(65536, fx.conn.rcvWnd(), "512 << 7");
        assertTrue(fx.tcb().retransmissionQueue.isEmpty(), "the SYN is acknowledged");
        fx.expectNoDiscards();
    }

    @Test
    void synAckWithoutOptionsLeavesLaterSegmentsWithoutThem() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peerSynAck().noOptions()),
                fx.ours(ACK).seq(1).ack(1).win(65495).noOptions());
        fx.conn.send(new byte[1000], fx.now);
        List<Segment> data = fx.sent();
        assertEquals(2, data.size(), "536 bytes, the default MSS without an MSS option, then 464");
        assertEquals(536, data.get(0).length());
    }

    @Test
    void ackOfSomethingElseGetsRst() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        // <SEQ=SEG.ACK><CTL=RST>
        fx.expectSent(fx.arrive(fx.peerSynAck().ack(5)),
                fx.ours(RST).seq(5).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("ACK in SYN-SENT does not acknowledge our SYN", SECTION + " first check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void ackOfTheIssItselfIsNotAcceptable() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peerSynAck().ack(0)),
                fx.ours(RST).seq(0).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("SEG.ACK 0 is not SND.NXT 1", SECTION + " first check");
    }

    @Test
    void rstWithAnUnacceptableAckIsDropped() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST | ACK).seq(0).ack(9)));
        fx.expectDiscarded("a RST is dropped", SECTION + " first check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void rstAcknowledgingOurSynIsConnectionRefused() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST | ACK).seqAbsolute(0).ack(1).win(0).noOptions()));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ECONNREFUSED), fx.conn.error());
        assertEquals(TcpError.ECONNREFUSED, fx.events.errors.get(0).error());
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> CLOSED"), fx.transitions());
        assertEquals(List.of(), fx.host.connections());
        fx.expectNoDiscards();
    }

    @Test
    void rstWithoutAckIsIgnored() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST).seq(0)));
        fx.expectDiscarded("RST without an ACK of our SYN is ignored", SECTION + " second check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void segmentWithoutSynOrRstIsDropped() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        fx.expectDiscarded("without SYN or RST", SECTION + " fifth check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void synAloneIsASimultaneousOpen() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; the window is the active opener's (65495).
        fx.expectSent(fx.arrive(fx.peerSyn()), fx.ours(SYN | ACK).seq(0).ack(1).win(65495).options(List.of(
                new TcpOption.Mss(65495), TcpOption.SACK_PERMITTED,
                new TcpOption.Timestamps(100, Fixture.PEER_TSVAL), TcpOption.NOP,
                new TcpOption.WindowScale(7))));
        fx.expectState(TcpState.SYN_RECEIVED);
        // The peer's SYN-ACK repeats its SYN; only its ACK is new.
        fx.expectSent(fx.arrive(fx.peerSynAck()));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> SYN-RECEIVED",
                "SYN-RECEIVED -> ESTABLISHED"), fx.transitions());
        assertEquals(65535, fx.conn.sndWnd(), "the SYN-ACK's window, unscaled");
        fx.expectNoDiscards();
    }

    @Test
    void dataOnTheSynAckIsAcceptedWithTheHandshake() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        fx.expectSent(fx.arrive(fx.peerSynAck().data("hello")), fx.ours(ACK).seq(1).ack(6));
        assertEquals("hello", Fixture.text(fx.conn.received()));
    }

    @Test
    void dataWrittenInSynSentWaitsAndRidesWithTheHandshakeAck() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        assertEquals(Optional.empty(), fx.conn.send(Fixture.bytes("early"), fx.now));
        fx.expectSent(fx.sent());
        fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(PSH | ACK).seq(1).ack(1).data("early"));
    }

    @Test
    void closeDeletesTheTcbWithoutASegment() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        assertEquals(Optional.empty(), fx.conn.close(fx.now));
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of(), fx.host.connections());
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.send(Fixture.bytes("x"), fx.now));
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.close(fx.now));
    }

    @Test
    void abortSendsNoRst() {
        Fixture fx = Fixture.synSent(Profile.LINUX);
        assertEquals(Optional.empty(), fx.conn.abort(fx.now));
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ENOTCONN), fx.conn.send(Fixture.bytes("x"), fx.now));
    }

    /** Two sockets of one host open to each other at once (RFC 9293 figure 7). */
    @Test
    void simultaneousOpenOnOneHost() {
        RecordingObserver events = new RecordingObserver();
        TcpHost host = new TcpHost(Ipv4.LOOPBACK, Profile.LINUX, (l, r, t) -> SeqNum.of(l.port() * 10L), events);
        SocketConfig config = new SocketConfig(Profile.LINUX, null, 0);
        Loopback net = new Loopback(host, 10);
        TcpAddress a = new TcpAddress(Ipv4.LOOPBACK, 1000);
        TcpAddress b = new TcpAddress(Ipv4.LOOPBACK, 2000);
        Connection ca = host.connect(1000, b, config, 0);
        Connection cb = host.connect(2000, a, config, 0);
        net.run(() -> { });

        List<Segment> sent = net.sent;
        assertEquals(List.of("SYN", "SYN", "SYN-ACK", "SYN-ACK"),
                sent.stream().map(s -> TcpFlags.words(s.flags())).toList(), SegmentAssert.listing(sent));
        assertEquals(SeqNum.of(20000), sent.get(2).seq(), "B's SYN-ACK repeats B's ISS");
        assertEquals(SeqNum.of(10001), sent.get(2).ack());
        assertEquals(TcpState.ESTABLISHED, ca.state());
        assertEquals(TcpState.ESTABLISHED, cb.state());
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> SYN-RECEIVED", "SYN-RECEIVED -> ESTABLISHED"),
                events.transitionsOf(ca));
        assertEquals(events.transitionsOf(ca), events.transitionsOf(cb));
        assertTrue(events.discards.isEmpty(), events.discards.toString());
    }
}
