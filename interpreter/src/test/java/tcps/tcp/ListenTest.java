package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9293 3.10.7.2: segments reaching a listener; and the SYN-ACK it answers with. */
class ListenTest {
    private static final String SECTION = "RFC 9293 3.10.7.2";
    private static final TcpOption MSS = new TcpOption.Mss(65495);
    private static final TcpOption NOP = TcpOption.NOP;
    private static final TcpOption SACK_OK = TcpOption.SACK_PERMITTED;
    private static final TcpOption WSCALE = new TcpOption.WindowScale(7);

    private static TcpOption ts(long val, long ecr) {
        return new TcpOption.Timestamps(val, ecr);
    }

    @Test
    void rstIsIgnored() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST).seq(0)));
        fx.expectDiscarded("RST in LISTEN is ignored", SECTION + " first check");
        assertEquals(List.of(), fx.listener.connections());
        assertEquals(TcpState.LISTEN, fx.listener.state());
    }

    @Test
    void ackGetsRstAtItsAck() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(42)),
                fx.ours(RST).seq(42).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("ACK in LISTEN", SECTION + " second check");
        assertEquals(List.of(), fx.listener.connections());
    }

    @Test
    void synMakesANewConnectionInSynReceivedAndTheListenerStays() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        // Seed 000's SYN-ACK: Linux's option order, window 65535 rounded down to the MSS less
        // the 12 timestamp bytes (tcp_openreq_init_rwin).
        fx.expectSent(fx.arrive(fx.peerSyn()),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65483)
                        .options(List.of(MSS, SACK_OK, ts(100, Fixture.PEER_TSVAL), NOP, WSCALE)));
        assertEquals(1, fx.listener.connections().size());
        fx.conn = fx.listener.connections().get(0);
        fx.expectState(TcpState.SYN_RECEIVED);
        assertEquals(List.of("LISTEN -> SYN-RECEIVED"), fx.transitions());
        assertEquals(TcpState.LISTEN, fx.listener.state());
        assertEquals(Fixture.PEER_ISN, fx.conn.irs().orElseThrow());
        assertEquals(Fixture.PEER_ISN.plus(1), fx.conn.rcvNxt());
        assertEquals(Fixture.OUR_ISS, fx.conn.sndUna());
        assertEquals(Fixture.OUR_ISS.plus(1), fx.conn.sndNxt());
        assertEquals(65535, fx.conn.sndWnd(), "the window of a SYN is not scaled");
        fx.expectNoDiscards();
    }

    @Test
    void synAckOffersOnlyMssWhenThePeerOfferedOnlyMss() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSyn().options(List.of(new TcpOption.Mss(1460)))),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65495).options(List.of(MSS)));
    }

    @Test
    void synAckWithTimestampsWithoutSack() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSyn().options(List.of(new TcpOption.Mss(1460), NOP, NOP,
                        ts(Fixture.PEER_TSVAL, 0), NOP, WSCALE))),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65483)
                        .options(List.of(MSS, NOP, NOP, ts(100, Fixture.PEER_TSVAL), NOP, WSCALE)));
    }

    @Test
    void synAckWithSackWithoutTimestamps() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSyn().options(List.of(new TcpOption.Mss(1460), NOP, NOP,
                        SACK_OK, NOP, WSCALE))),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65495)
                        .options(List.of(MSS, NOP, NOP, SACK_OK, NOP, WSCALE)));
    }

    @Test
    void synAckWithoutWindowScaleWhenThePeerOfferedNone() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSyn().options(List.of(new TcpOption.Mss(1460), SACK_OK,
                        ts(Fixture.PEER_TSVAL, 0)))),
                fx.ours(SYN | ACK).seq(0).ack(1).win(65483)
                        .options(List.of(MSS, SACK_OK, ts(100, Fixture.PEER_TSVAL))));
        fx.conn = fx.listener.connections().get(0);
        // Without scaling, later segments carry the window itself.
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1000));
        assertEquals(1000, fx.conn.sndWnd(), "no shift: SND.WND is SEG.WND");
        fx.conn.send(Fixture.bytes("x"), fx.now);
        assertEquals(65483, fx.sent().get(0).window());
    }

    @Test
    void macosLayoutPutsWindowScaleAfterTheMssAndSackLastThenPadsWithEol() {
        // XNU's tcp_output, seed 000's macOS SYN-ACK: mss,nop,wscale,nop,nop,TS,sackOK,eol.
        Fixture fx = Fixture.listening(Stacks.LINUX.named("mac").with("option_layout", "macos"));
        fx.expectSent(fx.arrive(fx.peerSyn()), fx.ours(SYN | ACK).seq(0).ack(1).win(65483)
                .options(List.of(MSS, NOP, WSCALE, NOP, NOP, ts(100, Fixture.PEER_TSVAL), SACK_OK, TcpOption.EOL)));
    }

    @Test
    void macosLayoutWithoutSackNeedsNoPadding() {
        Fixture fx = Fixture.listening(Stacks.LINUX.named("mac").with("option_layout", "macos").with("sack", false));
        fx.expectSent(fx.arrive(fx.peerSyn()), fx.ours(SYN | ACK).seq(0).ack(1).win(65483)
                .options(List.of(MSS, NOP, WSCALE, NOP, NOP, ts(100, Fixture.PEER_TSVAL))));
    }

    @Test
    void bsdLayoutAnswersWithTheMssAloneWhateverThePeerOffers() {
        // 4.3BSD-Reno knew one option; RFC 1323 and RFC 2018 came later.
        Fixture fx = Fixture.listening(Stacks.LINUX.named("old").with("option_layout", "bsd"));
        fx.expectSent(fx.arrive(fx.peerSyn()), fx.ours(SYN | ACK).seq(0).ack(1).win(65495).options(List.of(MSS)));
        fx.conn = fx.listener.connections().get(0);
        fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1000).noOptions());
        fx.conn.send(Fixture.bytes("x"), fx.now);
        assertEquals(List.of(), fx.sent().get(0).options(), "no timestamps were agreed");
    }

    @Test
    void textbookProfileAnswersWithoutOptions() {
        Fixture fx = Fixture.listening(Stacks.RFC9293);
        // 65535 rounded down to a multiple of 536
        fx.expectSent(fx.arrive(fx.peerSyn()), fx.ours(SYN | ACK).seq(0).ack(1).win(Fixture.TEXTBOOK_WINDOW).noOptions());
    }

    @Test
    void textOnTheSynIsNotAcknowledged() {
        Fixture fx = Fixture.listening(Stacks.RFC9293);
        fx.expectSent(fx.arrive(fx.peerSyn().data("early")),
                fx.ours(SYN | ACK).seq(0).ack(1).win(Fixture.TEXTBOOK_WINDOW).noOptions());
    }

    @Test
    void segmentWithoutSynAckOrRstIsDropped() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(FIN).seq(1).data("hi")));
        fx.expectDiscarded("without SYN, ACK or RST", SECTION + " fourth check");
        assertEquals(List.of(), fx.listener.connections());
    }

    @Test
    void eachSynMakesItsOwnConnectionInOrder() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.arrive(fx.peerSyn());
        Segment second = new Segment(new TcpAddress(Fixture.PEER_IP, 40001), fx.us, SeqNum.of(9000),
                SeqNum.of(0), SYN, 65535, 0, List.of(), new byte[0]);
        List<Segment> answer = fx.arrive(second);
        assertEquals(1, answer.size());
        assertEquals(new TcpAddress(Fixture.PEER_IP, 40001), answer.get(0).dst());
        List<Connection> all = fx.listener.connections();
        assertEquals(2, all.size());
        assertEquals(Fixture.CLIENT_PORT, all.get(0).remote().port());
        assertEquals(40001, all.get(1).remote().port());
        assertNotSame(all.get(0), all.get(1));
    }

    @Test
    void aSecondSynFromTheSamePeerReachesItsConnectionNotTheListener() {
        Fixture fx = Fixture.synReceived(Stacks.LINUX);
        fx.arrive(fx.peerSyn());
        assertEquals(1, fx.listener.connections().size());
        assertSame(fx.conn, fx.listener.connections().get(0));
    }

    @Test
    void closedListenerTurnsSynsAway() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        fx.listener.close();
        assertEquals(TcpState.CLOSED, fx.listener.state());
        fx.expectSent(fx.arrive(fx.peerSyn()),
                fx.ours(RST | ACK).seqAbsolute(0).ack(1).win(0).noOptions());
        fx.expectDiscarded("no socket on port 80", "RFC 9293 3.10.7.1");
    }

    @Test
    void listenTwiceOnOnePortIsRefused() {
        Fixture fx = Fixture.listening(Stacks.LINUX);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> fx.host.listen(Fixture.SERVER_PORT, fx.config));
        assertTrue(e.getMessage().contains("80"));
    }
}
