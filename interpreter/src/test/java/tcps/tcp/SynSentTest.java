package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Active OPEN (RFC 9293 3.10.1) and SEGMENT ARRIVES in SYN-SENT (3.10.7.3). */
class SynSentTest {
    private static final String SECTION = "RFC 9293 3.10.7.3";

    @Test
    void activeOpenSendsTheSynOfSeed000() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
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
        Fixture fx = Fixture.synSent(Stacks.RFC9293);
        fx.expectSent(fx.opening, fx.ours(SYN).seq(0).win(Fixture.TEXTBOOK_WINDOW).noOptions());
    }

    @Test
    void synAckEstablishesAndIsAcknowledgedAtOnce() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
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
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSynAck().noOptions()),
                fx.ours(ACK).seq(1).ack(1).win(65495).noOptions());
        fx.conn.send(new byte[1000], fx.now);
        List<Segment> data = fx.sent();
        assertEquals(2, data.size(), "536 bytes, the default MSS without an MSS option, then 464");
        assertEquals(536, data.get(0).length());
    }

    @Test
    void ackOfSomethingElseGetsRst() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        // <SEQ=SEG.ACK><CTL=RST>
        fx.expectSent(fx.arrive(fx.peerSynAck().ack(5)),
                fx.ours(RST).seq(5).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("ACK in SYN-SENT does not acknowledge our SYN", SECTION + " first check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void ackOfTheIssItselfIsNotAcceptable() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSynAck().ack(0)),
                fx.ours(RST).seq(0).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("SEG.ACK 0 is not SND.NXT 1", SECTION + " first check");
    }

    @Test
    void rstWithAnUnacceptableAckIsDropped() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST | ACK).seq(0).ack(9)));
        fx.expectDiscarded("a RST is dropped", SECTION + " first check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void rstAcknowledgingOurSynIsConnectionRefused() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
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
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST).seq(0)));
        fx.expectDiscarded("RST without an ACK of our SYN is ignored", SECTION + " second check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void segmentWithoutSynOrRstIsDropped() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        fx.expectDiscarded("without SYN or RST", SECTION + " fifth check");
        fx.expectState(TcpState.SYN_SENT);
    }

    @Test
    void synAloneIsASimultaneousOpen() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; the window is the active opener's (65495).
        fx.expectSent(fx.arrive(fx.peerSyn()), fx.ours(SYN | ACK).seq(0).ack(1).win(65495).options(List.of(
                new TcpOption.Mss(65495), TcpOption.SACK_PERMITTED,
                new TcpOption.Timestamps(100, Fixture.PEER_TSVAL), TcpOption.NOP,
                new TcpOption.WindowScale(7))));
        fx.expectState(TcpState.SYN_RECEIVED);
        // The peer's SYN-ACK repeats its SYN; only its ACK is new. The repeated SYN octet is
        // ACKed at once with a D-SACK of it (captures/self-connect).
        List<Segment> out = fx.arrive(fx.peerSynAck());
        assertEquals(List.of("ACK"), out.stream().map(s -> TcpFlags.words(s.flags())).toList());
        assertEquals(Optional.of(new TcpOption.Sack(List.of(new TcpOption.SackBlock(Fixture.PEER_ISN,
                Fixture.PEER_ISN.plus(1))))), out.get(0).option(TcpOption.Sack.class));
        fx.expectState(TcpState.ESTABLISHED);
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> SYN-RECEIVED",
                "SYN-RECEIVED -> ESTABLISHED"), fx.transitions());
        assertEquals(65535, fx.conn.sndWnd(), "the SYN-ACK's window, unscaled");
        fx.expectNoDiscards();
    }

    @Test
    void dataOnTheSynAckIsAcceptedWithTheHandshake() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peerSynAck().data("hello")), fx.ours(ACK).seq(1).ack(6));
        assertEquals("hello", Fixture.text(fx.events.received(fx.conn)));
    }

    @Test
    void dataWrittenInSynSentWaitsAndRidesWithTheHandshakeAck() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        assertEquals(Optional.empty(), fx.conn.send(Fixture.bytes("early"), fx.now));
        fx.expectSent(fx.sent());
        fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(PSH | ACK).seq(1).ack(1).data("early"));
    }

    @Test
    void closeDeletesTheTcbWithoutASegment() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        assertEquals(Optional.empty(), fx.conn.close(fx.now));
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of(), fx.host.connections());
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.close(fx.now));
    }

    @Test
    void abortSendsNoRst() {
        Fixture fx = Fixture.synSent(Stacks.LINUX);
        assertEquals(Optional.empty(), fx.conn.abort(fx.now));
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ENOTCONN), fx.conn.send(Fixture.bytes("x"), fx.now));
    }

    /**
     * Two sockets of one host open to each other at once (RFC 9293 figure 8). Each SYN-ACK
     * repeats a SYN octet the other side already has: Linux ACKs it with a D-SACK block naming
     * it (captures/self-connect, `sack 1 {0:1}`), six segments where the RFC's figure has four.
     */
    @Test
    void simultaneousOpenOnOneHost() {
        RecordingObserver events = new RecordingObserver();
        TcpHost host = new TcpHost(Ipv4.LOOPBACK, Stacks.LINUX, (l, r, t) -> SeqNum.of(l.port() * 10L), events);
        SocketConfig config = new SocketConfig(Stacks.LINUX, null, 0);
        Loopback net = new Loopback(host, 10);
        TcpAddress a = new TcpAddress(Ipv4.LOOPBACK, 1000);
        TcpAddress b = new TcpAddress(Ipv4.LOOPBACK, 2000);
        Connection ca = host.connect(1000, b, config, 0);
        Connection cb = host.connect(2000, a, config, 0);
        net.run(() -> { });

        List<Segment> sent = net.sent;
        assertEquals(List.of("SYN", "SYN", "SYN-ACK", "SYN-ACK", "ACK", "ACK"),
                sent.stream().map(s -> TcpFlags.words(s.flags())).toList(), SegmentAssert.listing(sent));
        assertEquals(Optional.of(new TcpOption.Sack(List.of(new TcpOption.SackBlock(SeqNum.of(20000), SeqNum.of(20001))))),
                sent.get(4).option(TcpOption.Sack.class), "A's ACK D-SACKs B's SYN octet");
        assertEquals(SeqNum.of(20000), sent.get(2).seq(), "B's SYN-ACK repeats B's ISS");
        assertEquals(SeqNum.of(10001), sent.get(2).ack());
        assertEquals(TcpState.ESTABLISHED, ca.state());
        assertEquals(TcpState.ESTABLISHED, cb.state());
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> SYN-RECEIVED", "SYN-RECEIVED -> ESTABLISHED"),
                events.transitionsOf(ca));
        assertEquals(events.transitionsOf(ca), events.transitionsOf(cb));
        assertTrue(events.discards.isEmpty(), events.discards.toString());
    }

    /**
     * The retransmission timer in SYN-SENT (RFC 6298 5.4 to 5.6, RFC 9293 3.8.3), as Linux 6.18
     * runs it: tcp_syn_linear_timeouts retransmissions 1 s apart, then back-off, and ETIMEDOUT
     * when the retransmissions or the time run out (captures syn-retries, syn-retries-exp).
     */
    @Nested
    class SynRetransmission {
        private List<Fixture.Timed> synsUntilGiveUp(Fixture fx, long until) {
            List<Fixture.Timed> syns = new java.util.ArrayList<>();
            syns.add(new Fixture.Timed(0, fx.opening.get(0)));
            syns.addAll(fx.runTimers(until));
            return syns;
        }

        @Test
        void synRetries2WithLinearTimeoutsSendsSixSynsAndTimesOutAt7s() {
            // syn-retries.txt: SYNs at 0, 1.011, 2.035, 3.059, 4.083, 5.107 s; ETIMEDOUT at 7.123 s.
            Fixture fx = Fixture.synSent(Stacks.LINUX.with("syn_retries", 2));
            List<Fixture.Timed> syns = synsUntilGiveUp(fx, 10_000_000);
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), Fixture.seconds(syns));
            assertEquals(7_000_000, fx.errorAt(TcpError.ETIMEDOUT), "nothing is sent at give-up");
            fx.expectState(TcpState.CLOSED);
            assertEquals(Optional.of(TcpError.ETIMEDOUT), fx.conn.error());
            assertEquals(List.of(), fx.host.connections());
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        }

        @Test
        void withoutLinearTimeoutsTheIntervalsDouble() {
            // syn-retries-exp.txt: SYNs at 0, 1.005, 3.021 s; ETIMEDOUT at 7.182 s.
            Fixture fx = Fixture.synSent(Stacks.LINUX.with("syn_retries", 2).with("syn_linear_timeouts", 0));
            assertEquals(List.of("0", "1", "3"), Fixture.seconds(synsUntilGiveUp(fx, 10_000_000)));
            assertEquals(7_000_000, fx.errorAt(TcpError.ETIMEDOUT));
        }

        @Test
        void sixClassicRetriesGiveUpAt127s() {
            Fixture fx = Fixture.synSent(Stacks.LINUX.with("syn_linear_timeouts", 0));
            assertEquals(List.of("0", "1", "3", "7", "15", "31", "63"),
                    Fixture.seconds(synsUntilGiveUp(fx, 200_000_000)));
            assertEquals(127_000_000, fx.errorAt(TcpError.ETIMEDOUT), "(2^7 - 1) * 1 s");
        }

        @Test
        void linuxDefaultsSendElevenSynsAndGiveUpAt131s() {
            // 6 retries + 4 linear timeouts = 10 retransmissions: the count runs out first, at the
            // timer after the one at 67 s (the time limit, 127 s, has not been reached at 67 s).
            Fixture fx = Fixture.synSent(Stacks.LINUX);
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "7", "11", "19", "35", "67"),
                    Fixture.seconds(synsUntilGiveUp(fx, 200_000_000)));
            assertEquals(131_000_000, fx.errorAt(TcpError.ETIMEDOUT));
        }

        @Test
        void textbookSynRetransmissionsLastAtLeastThreeMinutes() {
            // RFC 9293 3.8.3: R2 for a SYN "MUST be set large enough to provide retransmission of
            // the segment for at least 3 minutes". The RTO stops doubling at 60 s (RFC 6298 2.5).
            Fixture fx = Fixture.synSent(Stacks.RFC9293);
            assertEquals(List.of("0", "1", "3", "7", "15", "31", "63", "123"),
                    Fixture.seconds(synsUntilGiveUp(fx, 400_000_000)));
            assertEquals(183_000_000, fx.errorAt(TcpError.ETIMEDOUT));
        }

        @Test
        void aRetransmittedSynIsTheSameSynWithANewTimestamp() {
            // syn-retries.txt:2: same seq and options, ecr 0; only TS val changes.
            Fixture fx = Fixture.synSent(Stacks.LINUX);
            fx.at(1_000_000);
            fx.expectSent(fx.sent(), fx.ours(SYN).seq(0).win(65495).options(List.of(
                    new TcpOption.Mss(65495), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(1100, 0),
                    TcpOption.NOP, new TcpOption.WindowScale(7))));
            assertEquals(1, fx.tcb().retransmissionQueue.entries().size());
            assertTrue(fx.tcb().retransmissionQueue.first().retransmitted());
        }

        @Test
        void aSynAckStopsTheTimerAndTimesTheHandshake() {
            Fixture fx = Fixture.synSent(Stacks.LINUX);
            fx.at(300);
            fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(ACK).seq(1).ack(1));
            assertEquals(300, fx.tcb().rto.srtt(), "the SYN was sent once: its ACK is an RTT sample");
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline(), "nothing left to retransmit");
        }

        @Test
        void aSynAckAfterARetransmittedSynIsTimedByItsTimestampEcho() {
            Fixture fx = Fixture.synSent(Stacks.LINUX);
            fx.at(1_000_000);
            fx.sent();
            fx.at(1_005_000);
            // TSecr 1100 echoes the retransmitted SYN (TSval 1100): 5 ticks of 1 ms.
            fx.expectSent(fx.arrive(fx.peerSynAck().options(fx.peerSynOptions(1100))), fx.ours(ACK).seq(1).ack(1));
            assertEquals(5_000, fx.tcb().rto.srtt(), "RFC 7323 4.1: TSecr times a retransmission");
        }

        @Test
        void withoutTimestampsKarnsRuleLeavesTheThreeSecondFallback() {
            Fixture fx = Fixture.synSent(Stacks.RFC9293);
            fx.at(1_000_000);
            fx.sent();
            fx.at(1_005_000);
            fx.arrive(fx.peerSynAck().noOptions());
            fx.expectState(TcpState.ESTABLISHED);
            assertFalse(fx.tcb().rto.sampled(), "Karn: the ACK of a retransmitted SYN is ambiguous");
            fx.conn.send(Fixture.bytes("x"), fx.now);
            fx.sent();
            assertEquals(fx.now + 3_000_000, fx.tcb().timers.retransmission(), "RFC 6298 5.7: RTO 3 s");
        }
    }
}
