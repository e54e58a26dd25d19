package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ESTABLISHED: SEGMENT ARRIVES (RFC 9293 3.10.7.4) check by check, and the user calls. */
class EstablishedTest {
    private static final String SECTION = "RFC 9293 3.10.7.4";

    /** No options, MSS 100, a 1000-byte receive window: small numbers for window tests. */
    static final Profile SMALL = Stacks.RFC9293.named("small").with("mss", 100).with("rcv_space", 1000);

    private static Fixture linux() {
        return Fixture.established(Stacks.LINUX);
    }

    /** Linux with TCP_NODELAY set: each small write goes at once (no Nagle), for tests of other rules. */
    private static Fixture linuxNoDelay() {
        Fixture fx = linux();
        fx.conn.setOptions(fx.conn.options().withNoDelay(true), fx.now);
        return fx;
    }

    /** Linux sending whatever the window has room for (sender_sws none), for tests of SND.WND itself. */
    private static Fixture linuxWithoutSenderSws() {
        return Fixture.established(Stacks.LINUX.with("sender_sws", "none"));
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'z');
        return b;
    }

    @Nested
    class FirstCheckSequenceNumber {
        @Test
        void inOrderTextIsAcknowledgedAtOnce() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6));
            assertEquals("hello", Fixture.text(fx.events.received(fx.conn)));
            assertEquals(0, fx.conn.unread(), "read at once, like nc");
            fx.expectNoDiscards();
        }

        @Test
        void zeroLengthSegmentsInTheWindowAreAcceptable() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(100).ack(1)));
            fx.expectNoDiscards();
        }

        @Test
        void zeroLengthSegmentBelowRcvNxtGetsAnAck() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(0).ack(1)), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("segment not acceptable: SEG.SEQ 0 outside RCV.NXT 1 .. RCV.NXT+RCV.WND 65537",
                    SECTION + " first check");
        }

        @Test
        void zeroLengthSegmentAtTheRightEdgeIsOutside() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(65537).ack(1)), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("segment not acceptable", SECTION + " first check");
        }

        @Test
        void retransmittedTextGetsAnAck() {
            Fixture fx = linux();
            fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello"));
            // The ACK reports the duplicate in a D-SACK block (RFC 2883; capture delayed-ack-noread).
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6).sack(1, 6));
            fx.expectDiscarded("SEG.SEQ 1 .. 5 outside RCV.NXT 6", SECTION + " first check");
            assertEquals("hello", Fixture.text(fx.events.received(fx.conn)));
        }

        @Test
        void textBeyondTheWindowGetsAnAck() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(65537).ack(1).data("x")), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("segment not acceptable", SECTION + " first check");
            assertEquals(0, fx.events.received(fx.conn).length);
        }

        @Test
        void textStraddlingRcvNxtKeepsOnlyItsNewPart() {
            Fixture fx = linux();
            fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello"));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello world")), fx.ours(ACK).seq(1).ack(12));
            assertEquals("hello world", Fixture.text(fx.events.received(fx.conn)));
            fx.expectNoDiscards();
        }

        @Test
        void textStraddlingTheRightEdgeIsTrimmedToTheWindow() {
            Fixture fx = Fixture.established(SMALL);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data(filled(1500))),
                    fx.ours(ACK).seq(1).ack(1001).win(1000));
            assertEquals(1000, fx.events.received(fx.conn).length);
        }

        @Test
        void zeroWindowRefusesTextButProcessesItsAck() {
            Fixture fx = Fixture.established(SMALL);
            fx.conn.setAutoRead(false);
            fx.conn.send(Fixture.bytes("0123456789"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(1).data("0123456789"));
            // The peer fills the window: RCV.WND becomes 0.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data(filled(1000))),
                    fx.ours(ACK).seq(11).ack(1001).win(0));
            assertEquals(0, fx.conn.rcvWnd());
            // Text at RCV.NXT with the window closed: the text goes, the ACK is used, and our
            // ACK repeats the closed window.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1001).ack(11).data("x")),
                    fx.ours(ACK).seq(11).ack(1001).win(0));
            fx.expectDiscarded("zero receive window: text at RCV.NXT 1001 is not accepted", SECTION + " first check");
            assertEquals(Fixture.OUR_ISS.plus(11), fx.conn.sndUna());
            // SEG.LEN 0 with RCV.WND 0: acceptable only at RCV.NXT.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1001).ack(11)));
            fx.expectNoDiscards();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1002).ack(11)), fx.ours(ACK).seq(11).ack(1001).win(0));
            fx.expectDiscarded("segment not acceptable", SECTION + " first check");
            // Reading frees more than min(RCV.BUFF/2, MSS): a window update goes out.
            assertEquals(600, fx.conn.receive(600, fx.now).length);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(11).ack(1001).win(600));
        }

        @Test
        void textAfterAGapIsHeldAndAckedAsADuplicate() {
            Fixture fx = linux();
            // The duplicate ACK reports the held text in a SACK block (RFC 2018).
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(6).ack(1).data("world")),
                    fx.ours(ACK).seq(1).ack(1).sack(6, 11));
            assertEquals(0, fx.events.received(fx.conn).length);
            assertEquals(1, fx.tcb().receiveQueue.heldSegments());
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(11));
            assertEquals("helloworld", Fixture.text(fx.events.received(fx.conn)));
            fx.expectNoDiscards();
        }

        @Test
        void aFinAfterAGapWaitsForTheGap() {
            Fixture fx = linux();
            // The SACK block covers the FIN's sequence number too.
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1).data("world")),
                    fx.ours(ACK).seq(1).ack(1).sack(6, 12));
            fx.expectState(TcpState.ESTABLISHED);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(12));
            fx.expectState(TcpState.CLOSE_WAIT);
            assertTrue(fx.conn.finReceived());
        }

        @Test
        void acksToOutOfWindowSegmentsWithoutDataAreRateLimited() {
            // Linux tcp_invalid_ratelimit 500 ms (capture zero-window: the second of two probes
            // 0.42 s apart got no answer).
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(0).ack(1)), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("ACK sent (a window probe", SECTION + " first check");
            fx.at(420_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(0).ack(1)));
            fx.expectDiscarded("not answered, an ACK to an out-of-window segment went less than", SECTION + " first check");
            // Text is always answered; so is a segment once the limit has passed.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(70000).ack(1).data("x")), fx.ours(ACK).seq(1).ack(1));
            fx.at(500_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(0).ack(1)), fx.ours(ACK).seq(1).ack(1));
        }

        @Test
        void theTextbookAnswersEveryOutOfWindowSegment() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            for (int i = 0; i < 3; i++) {
                fx.expectSent(fx.arrive(fx.peer(ACK).seq(0).ack(1)), fx.ours(ACK).seq(1).ack(1));
            }
        }

        @Test
        void tsRecentFollowsInOrderSegmentsOnly() {
            Fixture fx = linux();
            List<TcpOption> newer = List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(8000, 100));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("a").options(newer)),
                    fx.ours(ACK).seq(1).ack(2).options(List.of(TcpOption.NOP, TcpOption.NOP,
                            new TcpOption.Timestamps(100, 8000))));
            List<TcpOption> outside = List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(9000, 100));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(70000).ack(1).data("b").options(outside)),
                    fx.ours(ACK).seq(1).ack(2).options(List.of(TcpOption.NOP, TcpOption.NOP,
                            new TcpOption.Timestamps(100, 8000))));
        }
    }

    @Nested
    class SecondCheckRst {
        @Test
        void rstAtRcvNxtResetsTheConnection() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(RST).seq(1)));
            fx.expectState(TcpState.CLOSED);
            assertEquals(List.of("ESTABLISHED -> CLOSED"), fx.transitions());
            assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.error());
            assertEquals(TcpError.ECONNRESET, fx.events.errors.get(0).error());
            assertEquals(List.of(), fx.host.connections());
            // The first SEND after a reset reports it; later ones are a broken pipe (capture
            // rst-established-write: ECONNRESET, then EPIPE). The reset stays the connection's error.
            assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.send(Fixture.bytes("x"), fx.now));
            assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
            assertEquals(TcpError.EPIPE, fx.events.errors.get(2).error());
            assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.error());
        }

        @Test
        void aReadReportsTheResetAndWritesThenFailWithEpipe() {
            // Capture rst-established: the blocked recv fails with ECONNRESET, both sends after it
            // with EPIPE, and the next recv returns end of file.
            Fixture fx = linux();
            fx.arrive(fx.peer(RST).seq(1));
            assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.pendingError());
            assertEquals(0, fx.conn.receive(100, fx.now).length);
            assertEquals(Optional.empty(), fx.conn.pendingError(), "the read reported it");
            assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("after"), fx.now));
            assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("again"), fx.now));
        }

        @Test
        void unreadTextIsStillReadBeforeTheReset() {
            Fixture fx = linux();
            fx.conn.setAutoRead(false);
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hi"));
            fx.arrive(fx.peer(RST).seq(3));
            assertEquals("hi", Fixture.text(fx.conn.receive(100, fx.now)));
            assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.pendingError());
            assertEquals(0, fx.conn.receive(100, fx.now).length);
            assertEquals(Optional.empty(), fx.conn.pendingError());
        }

        @Test
        void rstInTheWindowButNotAtRcvNxtGetsAChallengeAck() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(RST).seq(100)), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("SEG.SEQ 100 is not RCV.NXT 1: challenge ACK sent", SECTION + " second check, RFC 5961 3.2");
            fx.expectState(TcpState.ESTABLISHED);
        }

        @Test
        void rstOutsideTheWindowIsDroppedSilently() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(RST).seq(70000)));
            fx.expectDiscarded("a RST outside the window is dropped", SECTION + " first check");
            fx.expectState(TcpState.ESTABLISHED);
        }
    }

    @Nested
    class FourthCheckSyn {
        @Test
        void synInTheWindowGetsAChallengeAck() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(SYN).seq(100).options(fx.peerSynOptions(0))), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("SYN in a synchronized state: challenge ACK sent", SECTION + " fourth check, RFC 5961 4.2");
            fx.expectState(TcpState.ESTABLISHED);
        }

        @Test
        void aRetransmittedSynAckIsAcknowledgedAgain() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("segment not acceptable", SECTION + " first check");
            fx.expectState(TcpState.ESTABLISHED);
        }
    }

    @Nested
    class FifthCheckAck {
        @Test
        void ackOfDataNotYetSentGetsAnAckAndTheSegmentIsDropped() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(5).data("hi")), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("ACK of data not yet sent: SEG.ACK 5 > SND.NXT 1", SECTION + " fifth check");
            assertEquals(0, fx.events.received(fx.conn).length);
        }

        @Test
        void ackTooFarBehindIsDropped() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(-70000)), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("ACK too old", SECTION + " fifth check, RFC 5961 5.2");
        }

        @Test
        void segmentWithoutAckIsDropped() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(PSH).seq(1).data("x")));
            fx.expectDiscarded("segment without ACK is dropped", SECTION + " fifth check");
            assertEquals(0, fx.events.received(fx.conn).length);
        }

        @Test
        void ackAdvancesSndUnaAndTrimsTheRetransmissionQueue() {
            Fixture fx = linux();
            fx.conn.send(Fixture.bytes("hello"), fx.now);
            fx.sent();
            RetransmissionQueue queue = fx.tcb().retransmissionQueue;
            assertEquals(1, queue.entries().size());
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(3)));
            assertEquals(Fixture.OUR_ISS.plus(3), fx.conn.sndUna());
            Segment rest = queue.entries().get(0).segment();
            assertEquals(Fixture.OUR_ISS.plus(3), rest.seq());
            assertEquals("llo", Fixture.text(rest.payload()));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(6)));
            assertTrue(queue.isEmpty());
            // A duplicate ACK changes nothing.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(3)));
            assertEquals(Fixture.OUR_ISS.plus(6), fx.conn.sndUna());
            fx.expectNoDiscards();
        }

        @Test
        void windowIsScaledAndTakenOnlyFromNewerSegments() {
            Fixture fx = linux();
            fx.arrive(fx.peer(ACK).seq(1).ack(1).win(2));
            assertEquals(256, fx.conn.sndWnd(), "2 << 7");
            // Out of order at 10 (held), window 1: SND.WL1 becomes 10.
            fx.arrive(fx.peer(ACK).seq(10).ack(1).win(1).data("x"));
            assertEquals(128, fx.conn.sndWnd());
            // Older by SEG.SEQ (1 < SND.WL1): its window is not taken.
            fx.arrive(fx.peer(ACK).seq(1).ack(1).win(100).data("123456789"));
            assertEquals(128, fx.conn.sndWnd());
        }
    }

    @Nested
    class SendingText {
        @Test
        void aWriteIsCutIntoSegmentsOfTheEffectiveMssWithPshOnTheLast() {
            Fixture fx = linux();
            byte[] data = filled(3000);
            fx.conn.send(data, fx.now);
            // min(peer MSS 1460, ours) less 12 bytes of timestamps
            fx.expectSent(fx.sent(),
                    fx.ours(ACK).seq(1).ack(1).data(Arrays.copyOfRange(data, 0, 1448)),
                    fx.ours(ACK).seq(1449).ack(1).data(Arrays.copyOfRange(data, 1448, 2896)),
                    fx.ours(PSH | ACK).seq(2897).ack(1).data(Arrays.copyOfRange(data, 2896, 3000)));
            assertEquals(Fixture.OUR_ISS.plus(3001), fx.conn.sndNxt());
            assertEquals(3, fx.tcb().retransmissionQueue.entries().size());
        }

        @Test
        void eachWriteEndsInPsh() {
            Fixture fx = linuxNoDelay(); // Nagle would hold the second write for the ACK of the first
            fx.conn.send(Fixture.bytes("ab"), fx.now);
            fx.conn.send(Fixture.bytes("cd"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(1).data("ab"),
                    fx.ours(PSH | ACK).seq(3).ack(1).data("cd"));
        }

        @Test
        void onlyWhatSndWndAllowsGoesOut() {
            Fixture fx = linuxWithoutSenderSws(); // Linux would wait for a window that takes a whole segment
            fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1)); // 128 bytes
            byte[] data = filled(300);
            fx.conn.send(data, fx.now);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(1).data(Arrays.copyOfRange(data, 0, 128)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(129).win(1)),
                    fx.ours(ACK).seq(129).ack(1).data(Arrays.copyOfRange(data, 128, 256)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(257).win(1)),
                    fx.ours(PSH | ACK).seq(257).ack(1).data(Arrays.copyOfRange(data, 256, 300)));
        }
    }

    @Nested
    class EighthCheckFin {
        @Test
        void finWithNoTextBeforeItIsAcknowledgedAtTheNextTick() {
            // Linux: the delayed-ACK timer, with no timeout learnt yet, fires at the next tick
            // (captures/fin-no-data: 0.1 to 7 ms); the profile says 4 ms.
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)));
            fx.expectState(TcpState.CLOSE_WAIT);
            assertTrue(fx.conn.finReceived());
            assertEquals(Fixture.PEER_ISN.plus(2), fx.conn.rcvNxt());
            fx.expectSent(fx.at(fx.now + 3_999).sent());
            fx.expectSent(fx.at(fx.now + 1).sent(), fx.ours(ACK).seq(1).ack(2));
        }

        @Test
        void aCloseWithinThatTickSendsTheFinWithTheAck() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)));
            fx.conn.close(fx.now + 10);
            fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(2));
            fx.expectSent(fx.at(fx.now + 4_000).sent());
        }

        @Test
        void theTextbookAcknowledgesAFinAtOnce() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.finTakesWindow();
            List<Segment> sent = fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1));
            assertEquals(1, sent.size());
            assertEquals(TcpFlags.ACK, sent.get(0).flags());
        }

        @Test
        void finAfterTextIsAcknowledgedByTheDelayedAckTimer() {
            Fixture fx = linux();
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1)));
            fx.expectState(TcpState.CLOSE_WAIT);
            assertEquals(40_000, fx.host.nextDeadline(), "Linux delays it 40 ms");
            fx.at(39_999);
            fx.expectSent(fx.sent());
            fx.at(40_000);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(7));
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        }

        @Test
        void closeBeforeTheDelayedAckSendsTheFinWithTheAck() {
            Fixture fx = linux();
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1));
            fx.at(10_000);
            fx.conn.close(fx.now);
            fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(7));
            fx.expectState(TcpState.LAST_ACK);
            assertEquals(Tcb.NEVER, fx.tcb().timers.at(TcpTimer.DELAYED_ACK), "no separate ACK is left to send");
        }

        @Test
        void dataWrittenBeforeTheDelayedAckCarriesTheAck() {
            Fixture fx = linux();
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1));
            fx.conn.send(Fixture.bytes("reply"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(7).data("reply"));
            assertEquals(Tcb.NEVER, fx.tcb().timers.at(TcpTimer.DELAYED_ACK), "no separate ACK is left to send");
        }

        @Test
        void finWithTextInTheSameSegmentIsAcknowledgedAtOnce() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(FIN | PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(7));
            fx.expectState(TcpState.CLOSE_WAIT);
        }

        @Test
        void textbookProfileAcknowledgesAFinAfterTextAtOnce() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            // The right edge stays where it was (receiver SWS avoidance, RFC 9293 3.8.6.2.2), so
            // the window is 6 less: 5 bytes of text and the FIN.
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1)), fx.ours(ACK).seq(1).ack(7).win(Fixture.TEXTBOOK_WINDOW - 6));
        }
    }

    @Nested
    class SequenceSpaceWrap {
        /** Both ISNs just below 2^32: the whole conversation crosses zero. */
        @Test
        void aConversationAcrossTwoToThe32() {
            RecordingObserver events = new RecordingObserver();
            TcpHost host = new TcpHost(Ipv4.LOOPBACK, Stacks.LINUX,
                    (l, r, t) -> SeqNum.of(l.port() == 1234 ? 0xffff_fff0L : 0xffff_ff00L), events);
            SocketConfig config = new SocketConfig(Stacks.LINUX, null, 0);
            Loopback net = new Loopback(host, 10);
            Listener listener = host.listen(1234, config);
            Connection client = host.connect(5555, new TcpAddress(Ipv4.LOOPBACK, 1234), config, 0);
            byte[] request = filled(5000);
            byte[] reply = filled(300);
            boolean[] done = {false, false, false};
            net.run(() -> {
                if (!done[0] && client.state() == TcpState.ESTABLISHED) {
                    client.send(request, net.now);
                    done[0] = true;
                }
                Connection server = listener.connections().isEmpty() ? null : listener.connections().get(0);
                if (server != null && !done[1] && events.received(server).length == request.length) {
                    server.send(reply, net.now);
                    server.close(net.now);
                    done[1] = true;
                }
                if (!done[2] && client.finReceived()) {
                    client.close(net.now);
                    done[2] = true;
                }
            });
            Connection server = listener.connections().get(0);
            assertEquals(request.length, events.received(server).length);
            assertEquals(reply.length, events.received(client).length);
            assertEquals(SeqNum.of(0xffff_ff00L).plus(1 + 5000 + 1), client.sndNxt(), "past zero");
            assertTrue(client.sndNxt().gt(client.iss()));
            assertEquals(TcpState.CLOSED, server.state());
            assertEquals(TcpState.CLOSED, client.state(), "after TIME-WAIT");
            assertTrue(events.discards.isEmpty(), events.discards.toString());
        }
    }

    @Nested
    class UserCalls {
        @Test
        void closeSendsFinAndEntersFinWait1() {
            Fixture fx = linux();
            assertEquals(Optional.empty(), fx.conn.close(fx.now));
            fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(1));
            assertEquals(List.of("ESTABLISHED -> FIN-WAIT-1"), fx.transitions());
            assertEquals(Fixture.OUR_ISS.plus(2), fx.conn.sndNxt());
        }

        @Test
        void closeWithUnsentDataPutsTheFinOnTheLastSegment() {
            Fixture fx = linuxWithoutSenderSws();
            fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1)); // 128 bytes
            byte[] data = filled(200);
            fx.conn.send(data, fx.now);
            fx.sent();
            fx.conn.close(fx.now);
            fx.expectSent(fx.sent());
            fx.expectState(TcpState.FIN_WAIT_1);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(129).win(1)),
                    fx.ours(FIN | PSH | ACK).seq(129).ack(1).data(Arrays.copyOfRange(data, 128, 200)));
        }

        @Test
        void closeWithUnreadTextSendsRstAckInsteadOfFin() {
            // close-unread.txt:6: Flags [R.], seq 1, ack 6, win 64, options [nop,nop,TS ...]
            Fixture fx = linux();
            fx.conn.setAutoRead(false);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6));
            assertEquals(Optional.empty(), fx.conn.close(fx.now));
            fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(1).ack(6));
            assertEquals(List.of("ESTABLISHED -> CLOSED"), fx.transitions());
            assertEquals(List.of(), fx.host.connections());
            assertEquals(List.of(), fx.events.errors, "our application closed; it is told nothing");
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        }

        @Test
        void textbookCloseWithUnreadTextStillSendsFin() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.conn.setAutoRead(false);
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.conn.close(fx.now);
            fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(6).win(Fixture.TEXTBOOK_WINDOW - 5));
            fx.expectState(TcpState.FIN_WAIT_1);
        }

        @Test
        void shutdownSendsFinAndTheApplicationKeepsReading() {
            Fixture fx = linux();
            fx.conn.setAutoRead(false);
            assertEquals(Optional.empty(), fx.conn.shutdown(fx.now));
            fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(1));
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("more")), fx.ours(ACK).seq(2).ack(5));
            fx.expectState(TcpState.FIN_WAIT_2);
            assertEquals("more", Fixture.text(fx.conn.receive(100)));
            // A second shutdown(SHUT_WR) returns 0 (captures/write-after-shutdown).
            assertEquals(Optional.empty(), fx.conn.shutdown(fx.now));
            // CLOSE after shutdown is fine and sends no second FIN.
            assertEquals(Optional.empty(), fx.conn.close(fx.now));
            fx.expectSent(fx.sent());
        }

        @Test
        void abortSendsRstAckOnLinux() {
            Fixture fx = linux();
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.sent();
            assertEquals(Optional.empty(), fx.conn.abort(fx.now));
            fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(1).ack(6));
            fx.expectState(TcpState.CLOSED);
            assertEquals(List.of(), fx.host.connections());
            assertEquals(Optional.of(TcpError.ENOTCONN), fx.conn.send(Fixture.bytes("x"), fx.now));
            assertEquals(Optional.of(TcpError.ENOTCONN), fx.conn.abort(fx.now));
        }

        @Test
        void abortSendsABareRstInTheTextbook() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.conn.abort(fx.now);
            // <SEQ=SND.NXT><CTL=RST>
            fx.expectSent(fx.sent(), fx.ours(RST).seq(1).ackAbsolute(0));
        }

        @Test
        void unreadTextShrinksTheAdvertisedWindow() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.conn.setAutoRead(false);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")),
                    fx.ours(ACK).seq(1).ack(6).win(Fixture.TEXTBOOK_WINDOW - 5));
            assertEquals(5, fx.conn.unread());
            assertEquals("hel", Fixture.text(fx.conn.receive(3)));
            fx.expectSent(fx.sent()); // 3 bytes are no reason for a window update
            assertEquals("lo", Fixture.text(fx.conn.receive(10)));
            // Receiver SWS avoidance (RFC 9293 3.8.6.2.2): 5 bytes freed do not move the right
            // edge; only min(RCV.BUFF / 2, Eff.snd.MSS) would.
            fx.conn.send(Fixture.bytes("!"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(6).win(Fixture.TEXTBOOK_WINDOW - 5).data("!"));
        }
    }

    /**
     * The retransmission timer (RFC 6298 section 5); the handshake's RTT sample makes RTO 200 ms.
     * Linux's tail loss probe comes first in Linux's own schedule (see TailLossProbe); these tests
     * switch it off to show the RTO rules alone.
     */
    @Nested
    class RetransmissionTimer {
        private Fixture linuxWithoutTlpNoDelay() {
            Fixture fx = linuxWithoutTlp();
            fx.conn.setOptions(fx.conn.options().withNoDelay(true), fx.now);
            return fx;
        }

        private Fixture linuxWithoutTlp() {
            return Fixture.established(Stacks.LINUX.with("tail_loss_probe", false));
        }

        @Test
        void textIsResentAfterTheRtoWithTheTimerBackingOff() {
            Fixture fx = linuxWithoutTlp();
            assertEquals(200_000, fx.tcb().rto.current(), "SRTT 0 + max(min_rto 200 ms, 4 * RTTVAR)");
            fx.conn.send(Fixture.bytes("hello"), fx.now);
            fx.sent();
            List<Fixture.Timed> resent = fx.runTimers(3_100_000);
            assertEquals(List.of("0.2", "0.6", "1.4", "3"), Fixture.seconds(resent));
            for (Fixture.Timed t : resent) {
                fx.now = t.at();
                SegmentAssert.assertSegment("resent at " + t.at(), fx.ours(PSH | ACK).seq(1).ack(1).data("hello").build(),
                        t.segment());
            }
            assertEquals(4, fx.tcb().retransmits);
        }

        @Test
        void anAckOfNewTextRestartsTheTimerAndAnAckOfAllStopsIt() {
            Fixture fx = linuxWithoutTlpNoDelay(); // "cd" goes while "ab" is in flight
            fx.conn.send(Fixture.bytes("ab"), 0);
            fx.at(100_000);
            fx.conn.send(Fixture.bytes("cd"), fx.now);
            fx.sent();
            assertEquals(200_000, fx.tcb().timers.retransmission(), "(5.1) a running timer is not restarted");
            fx.at(150_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(3)));
            // sample 150 ms: RTTVAR 3/4 * 0 + 1/4 * 150 = 37.5 ms, SRTT 150/8 = 18.75 ms;
            // RTO = 18.75 + max(200, 150) ms; (5.3) the timer restarts from now
            assertEquals(18_750, fx.tcb().rto.srtt());
            assertEquals(37_500, fx.tcb().rto.rttvar());
            assertEquals(150_000 + 218_750, fx.tcb().timers.retransmission());
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(5)));
            assertEquals(Tcb.NEVER, fx.tcb().timers.retransmission(), "(5.2) everything is acknowledged");
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        }

        @Test
        void rttSamplesFollowRfc6298() {
            Fixture fx = linux();
            assertEquals(0, fx.tcb().rto.srtt(), "the handshake took no time");
            fx.conn.send(Fixture.bytes("a"), fx.now);
            fx.at(100_000);
            fx.arrive(fx.peer(ACK).seq(1).ack(2));
            assertEquals(12_500, fx.tcb().rto.srtt(), "7/8 * 0 + 1/8 * 100 ms");
            assertEquals(25_000, fx.tcb().rto.rttvar(), "3/4 * 0 + 1/4 * |0 - 100 ms|");
            assertEquals(212_500, fx.tcb().rto.current());
            fx.conn.send(Fixture.bytes("b"), fx.now);
            fx.at(250_000);
            fx.arrive(fx.peer(ACK).seq(1).ack(3));
            assertEquals(29_687, fx.tcb().rto.srtt(), "(7 * 12.5 + 150) / 8 ms, truncated");
            assertEquals(53_125, fx.tcb().rto.rttvar(), "(3 * 25 + |12.5 - 150|) / 4 ms");
            assertEquals(29_687 + 4 * 53_125, fx.tcb().rto.current());
        }

        @Test
        void karnsRuleTakesNoSampleFromAResentSegment() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.conn.send(Fixture.bytes("x"), fx.now);
            fx.sent();
            assertEquals(List.of("1"), Fixture.seconds(fx.runTimers(1_500_000)));
            fx.at(1_700_000);
            fx.arrive(fx.peer(ACK).seq(1).ack(2));
            assertEquals(0, fx.tcb().rto.srtt(), "no timestamps: the ACK may be of either copy");
            assertEquals(1, fx.tcb().rto.backoffs(), "the backed-off RTO stays until a sample");
        }

        @Test
        void aTimestampEchoTimesAResentSegment() {
            Fixture fx = linuxWithoutTlp();
            fx.conn.send(Fixture.bytes("x"), fx.now);
            fx.sent();
            fx.runTimers(250_000); // resent at 0.2 s with TSval 300
            fx.arrive(fx.peer(ACK).seq(1).ack(2).options(List.of(TcpOption.NOP, TcpOption.NOP,
                    new TcpOption.Timestamps(Fixture.PEER_TSVAL, 300))));
            assertEquals(6_250, fx.tcb().rto.srtt(), "a 50 ms sample: 7/8 * 0 + 1/8 * 50 ms");
            assertEquals(0, fx.tcb().rto.backoffs());
        }

        @Test
        void fifteenRetriesGiveUpAfter924point6Seconds() {
            // Linux tcp_retries2 15: tcp_model_timeout(15, 200 ms) = 1023 * 0.2 s + 6 * 120 s.
            Fixture fx = linuxWithoutTlp();
            fx.conn.send(Fixture.bytes("hello"), fx.now);
            fx.sent();
            List<Fixture.Timed> resent = fx.runTimers(2_000_000_000L);
            assertEquals(List.of("0.2", "0.6", "1.4", "3", "6.2", "12.6", "25.4", "51", "102.2", "204.6",
                    "324.6", "444.6", "564.6", "684.6", "804.6"), Fixture.seconds(resent));
            assertEquals(924_600_000, fx.errorAt(TcpError.ETIMEDOUT));
            fx.expectState(TcpState.CLOSED);
            assertEquals(Optional.of(TcpError.ETIMEDOUT), fx.conn.error());
            assertEquals(List.of(), fx.host.connections());
        }

        @Test
        void aPartialAckAfterATimeoutResendsTheNextSegmentAtOnce() {
            // Without SACK (so without RACK): NewReno's partial ACK.
            Fixture fx = Fixture.established(Stacks.LINUX.with("tail_loss_probe", false).with("sack", false));
            byte[] data = filled(3000);
            fx.conn.send(data, fx.now);
            assertEquals(3, fx.sent().size());
            fx.at(200_000);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(1).data(Arrays.copyOfRange(data, 0, 1448)));
            fx.at(200_050);
            // The first segment is in; the second, sent before the timeout, is presumed lost too.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449)),
                    fx.ours(ACK).seq(1449).ack(1).data(Arrays.copyOfRange(data, 1448, 2896)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(3001)));
            assertEquals(Tcb.NEVER, fx.tcb().timers.retransmission());
        }

        @Test
        void afterATimeoutRackResendsWhatWasSentBeforeTheSegmentNowAcknowledged() {
            // With SACK, RACK (RFC 8985): the resent first segment is acknowledged 50 µs after it
            // went, so everything sent long before it is lost; no congestion window holds it back.
            Fixture fx = linuxWithoutTlp();
            byte[] data = filled(3000);
            fx.conn.send(data, fx.now);
            fx.sent();
            fx.at(200_000);
            fx.sent();
            fx.at(200_050);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449)),
                    fx.ours(ACK).seq(1449).ack(1).data(Arrays.copyOfRange(data, 1448, 2896)),
                    fx.ours(PSH | ACK).seq(2897).ack(1).data(Arrays.copyOfRange(data, 2896, 3000)));
        }

        @Test
        void aResentSegmentCarriesTheCurrentAck() {
            Fixture fx = linux();
            fx.conn.send(Fixture.bytes("hello"), fx.now);
            fx.sent();
            fx.at(100_000);
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hi"));
            fx.at(200_000);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(3).data("hello"));
        }
    }

    /** Losses found from duplicate ACKs: fast retransmit (RFC 5681 3.2) and RACK (RFC 8985). */
    @Nested
    class LossDetection {
        @Test
        void threeDuplicateAcksResendTheMissingSegment() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            byte[] text = filled(536 * 4);
            fx.conn.send(text, fx.now);
            assertEquals(4, fx.sent().size());
            fx.at(10_000);
            // The first segment arrived, the second was lost; the third and fourth bring duplicates.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(537)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(537)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(537)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(537)),
                    fx.ours(ACK).seq(537).ack(1).win(Fixture.TEXTBOOK_WINDOW).data(Arrays.copyOfRange(text, 536, 1072)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(537))); // a fourth duplicate changes nothing
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(2145)));
            assertEquals(Tcb.NEVER, fx.tcb().timers.retransmission());
        }

        @Test
        void aWindowUpdateIsNotADuplicateAck() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.conn.send(filled(536 * 4), fx.now);
            fx.sent();
            fx.arrive(fx.peer(ACK).seq(1).ack(537));
            for (int i = 0; i < 3; i++) {
                fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(537).win(60000 - i)));
            }
        }

        /** ESTABLISHED by a SYN-ACK 10 ms after the SYN: min_RTT and SRTT 10 ms, RTO 210 ms. */
        private Fixture establishedAfter10ms() {
            Fixture fx = Fixture.synSent(Stacks.LINUX.with("tail_loss_probe", false));
            fx.at(10_000);
            fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(ACK).seq(1).ack(1));
            return fx;
        }

        @Test
        void rackResendsAGapOnceThreeSegmentsAfterItAreSacked() {
            // Capture out-of-order-burst: sack 1 {2001:3001}, {2001:4001}, {2001:5001}, then the
            // lost segment goes. The segments were all sent at once, so the first SACKs leave it
            // a reordering window (min_RTT / 4); with three segments SACKed the window is 0.
            Fixture fx = establishedAfter10ms();
            byte[] text = filled(1448 * 5);
            fx.conn.send(text, fx.now);
            assertEquals(5, fx.sent().size());
            fx.at(20_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449).sack(2897, 4345)));
            assertEquals(20_000 + 2_500, fx.tcb().timers.at(TcpTimer.REORDERING),
                    "sent with the SACKed one 10 ms ago: lost after that RTT and min_RTT / 4");
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449).sack(2897, 5793)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449).sack(2897, 7241)),
                    fx.ours(ACK).seq(1449).ack(1).data(Arrays.copyOfRange(text, 1448, 2896)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(7241)));
            assertEquals(Tcb.NEVER, fx.tcb().timers.retransmission());
        }

        @Test
        void segmentsFoundLostGoAgainOnlyAsProportionalRateReductionAllows() {
            // packetdrill tcp_fast_recovery_prr-ss-30pkt-lost1_4: ten segments, the first four
            // lost. The third SACK finds all four lost, but in flight are only the three SACKed
            // ones' successors (3 segments < ssthresh 7): PRR lets one segment go per segment
            // delivered, so one lost segment goes per SACK, not four at once.
            Fixture fx = establishedAfter10ms();
            byte[] text = filled(1448 * 10);
            fx.conn.send(text, fx.now);
            assertEquals(10, fx.sent().size());
            fx.at(20_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).sack(1 + 4 * 1448, 1 + 5 * 1448)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).sack(1 + 4 * 1448, 1 + 6 * 1448)));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).sack(1 + 4 * 1448, 1 + 7 * 1448)),
                    fx.ours(ACK).seq(1).ack(1).data(Arrays.copyOfRange(text, 0, 1448)));
            for (int i = 1; i < 4; i++) {
                fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).sack(1 + 4 * 1448, 1 + (7 + i) * 1448)),
                        fx.ours(ACK).seq(1 + i * 1448).ack(1).data(Arrays.copyOfRange(text, i * 1448, (i + 1) * 1448)));
            }
        }

        @Test
        void cwndGrowsOnlyWhileTheSenderFillsIt() {
            // packetdrill cubic-rto-ss-ca-cwnd-bump: one segment sent and ACKed leaves cwnd at
            // 10 (Linux tcp_is_cwnd_limited: in slow start it grows only below twice the most in
            // flight); RFC 5681 alone would make it 11.
            for (boolean linux : new boolean[] {true, false}) {
                Fixture fx = Fixture.established(Stacks.LINUX.with("cwnd_grows_when_used", linux));
                long before = fx.conn.cwnd();
                fx.conn.send(filled(1448), fx.now);
                fx.sent();
                fx.at(fx.now + 1_000);
                fx.arrive(fx.peer(ACK).seq(1).ack(1449));
                assertEquals(linux ? before : before + 1448, fx.conn.cwnd());
            }
        }

        @Test
        void rackResendsWhenTheReorderingWindowPasses() {
            Fixture fx = establishedAfter10ms();
            byte[] text = filled(1448 * 3);
            fx.conn.send(text, fx.now);
            fx.sent();
            fx.at(20_000);
            fx.arrive(fx.peer(ACK).seq(1).ack(1449));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1449).sack(2897, 4345)));
            fx.at(22_499);
            fx.expectSent(fx.sent());
            fx.at(22_500);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1449).ack(1).data(Arrays.copyOfRange(text, 1448, 2896)));
        }

        @Test
        void aSegmentSentAfterTheSackedOneIsNotLost() {
            Fixture fx = Fixture.established(Stacks.LINUX.with("tail_loss_probe", false));
            fx.conn.send(filled(1448), fx.now);
            fx.at(5_000);
            fx.conn.send(filled(1448), fx.now);
            fx.sent();
            fx.at(10_000);
            // The first segment is SACKed (the peer lost nothing before it): nothing is resent.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).sack(1, 1449)));
            assertEquals(Tcb.NEVER, fx.tcb().timers.at(TcpTimer.REORDERING));
        }
    }

    /** Linux's tail loss probe (RFC 8985 section 7) before the RTO. */
    @Nested
    class TailLossProbe {
        @Test
        void aLoneSegmentIsProbedAtTheRtoThenTheRtoRunsFromTheProbe() {
            Fixture fx = linux();
            fx.conn.send(Fixture.bytes("hello"), fx.now);
            fx.sent();
            // PTO = 2 SRTT + min_rto = 200 ms, no later than the RTO (200 ms): the probe resends
            // the segment; the RTO then runs 200 ms from the probe, and backs off from there.
            List<Fixture.Timed> resent = fx.runTimers(1_700_000);
            assertEquals(List.of("0.2", "0.4", "0.8", "1.6"), Fixture.seconds(resent));
            for (Fixture.Timed t : resent) {
                assertEquals(Fixture.OUR_ISS.plus(1), t.segment().seq());
                assertEquals("hello", Fixture.text(t.segment().payload()));
            }
        }

        @Test
        void severalSegmentsInFlightAreProbedAfterTwoSrttAndTwoMilliseconds() {
            Fixture fx = linux();
            byte[] data = filled(3000);
            fx.conn.send(data, fx.now);
            assertEquals(3, fx.sent().size());
            assertEquals(2_000, fx.host.nextDeadline(), "2 * SRTT 0 + 2 ms");
            fx.at(2_000);
            // The probe is the last segment sent: its ACK (or SACK) shows what the tail lost.
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(2897).ack(1).data(Arrays.copyOfRange(data, 2896, 3000)));
            assertEquals(2_000 + 200_000, fx.host.nextDeadline(), "then the RTO, from the probe");
            fx.at(202_000);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(1).data(Arrays.copyOfRange(data, 0, 1448)));
        }

        @Test
        void anAckOfSomeDataReschedulesTheProbe() {
            Fixture fx = linux();
            fx.conn.send(filled(3000), fx.now);
            fx.sent();
            fx.at(1_000);
            fx.arrive(fx.peer(ACK).seq(1).ack(1449));
            // SRTT 1/8 ms from the 1 ms sample; two segments left: PTO = 2 * 125 µs + 2 ms.
            assertEquals(1_000 + 2_250, fx.host.nextDeadline());
        }

        @Test
        void notWithoutSack() {
            Fixture fx = Fixture.established(Stacks.LINUX.with("sack", false));
            fx.conn.send(filled(3000), fx.now);
            fx.sent();
            assertEquals(200_000, fx.host.nextDeadline(), "the RTO alone");
        }
    }

    /** The persist timer and zero-window probes (RFC 9293 3.8.6.1). */
    @Nested
    class ZeroWindow {
        /** ESTABLISHED, the peer's window closed, "hello" written and waiting. */
        private Fixture closedWindow(Profile profile) {
            Fixture fx = Fixture.established(profile);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).win(0)));
            assertEquals(0, fx.conn.sndWnd());
            fx.conn.send(Fixture.bytes("hello"), fx.now);
            fx.expectSent(fx.sent());
            return fx;
        }

        @Test
        void linuxProbesWithAnOldSequenceNumberAtRtoIntervalsThatDouble() {
            Fixture fx = closedWindow(Stacks.LINUX);
            assertEquals(200_000, fx.host.nextDeadline(), "the first probe after one RTO");
            List<Fixture.Timed> probes = fx.runTimers(6_300_000);
            assertEquals(List.of("0.2", "0.6", "1.4", "3", "6.2"), Fixture.seconds(probes));
            fx.now = 200_000;
            // tcp_xmit_probe_skb: <SEQ=SND.UNA-1><ACK=RCV.NXT><CTL=ACK>, no data
            SegmentAssert.assertSegment("probe", fx.ours(ACK).seq(0).ack(1).build(), probes.get(0).segment());
            fx.expectState(TcpState.ESTABLISHED);
        }

        @Test
        void anAnsweredProbeRestartsTheIntervalFromTheAnswer() {
            Fixture fx = closedWindow(Stacks.LINUX);
            fx.at(200_000);
            fx.sent();
            fx.at(210_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).win(0)));
            assertEquals(210_000 + 400_000, fx.host.nextDeadline(), "(Linux tcp_ack_probe) from the answer");
        }

        @Test
        void probingNeverGivesUpWhileThePeerAnswers() {
            Fixture fx = closedWindow(Stacks.LINUX);
            long last = 0;
            for (int i = 0; i < 40; i++) {
                fx.at(fx.host.nextDeadline());
                assertEquals(1, fx.sent().size(), "probe " + i);
                last = fx.now;
                fx.at(fx.now + 1_000);
                fx.arrive(fx.peer(ACK).seq(1).ack(1).win(0));
            }
            fx.expectState(TcpState.ESTABLISHED);
            assertEquals(120_000_000, fx.host.nextDeadline() - fx.now, "the interval stops at max_rto");
            assertTrue(last > 924_600_000L, "longer than the retries2 limit");
        }

        @Test
        void unansweredProbesGiveUpAfterRetries2() {
            Fixture fx = closedWindow(Stacks.LINUX);
            assertEquals(15, fx.runTimers(2_000_000_000L).size());
            assertEquals(924_600_000, fx.errorAt(TcpError.ETIMEDOUT));
            fx.expectState(TcpState.CLOSED);
        }

        @Test
        void anOpeningWindowSendsTheTextAndStopsProbing() {
            Fixture fx = closedWindow(Stacks.LINUX);
            fx.runTimers(700_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).win(1)),
                    fx.ours(PSH | ACK).seq(1).ack(1).data("hello"));
            assertEquals(Tcb.NEVER, fx.tcb().timers.at(TcpTimer.PERSIST));
            assertEquals(fx.now + 200_000, fx.tcb().timers.retransmission(), "the back-off of the probes is cleared");
        }

        @Test
        void textbookProbesCarryOneOctetOfNewData() {
            Fixture fx = closedWindow(Stacks.RFC9293);
            fx.at(1_000_000);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(1).data("h"));
            assertEquals(Fixture.OUR_ISS.plus(2), fx.conn.sndNxt());
            // The peer still has no room: its ACK does not cover the octet, which is resent
            // by the retransmission timer and never gives up while the peer answers.
            fx.at(1_000_100);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).win(0)));
            for (int i = 0; i < 30; i++) {
                fx.at(fx.host.nextDeadline());
                fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(1).data("h"));
                fx.at(fx.now + 100);
                fx.arrive(fx.peer(ACK).seq(1).ack(1).win(0));
            }
            fx.expectState(TcpState.ESTABLISHED);
            // The window opens: the octet is acknowledged and the rest follows.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(2).win(1000)),
                    fx.ours(PSH | ACK).seq(2).ack(1).data("ello"));
        }

        @Test
        void theAdvertisedWindowClosesWhenTheApplicationDoesNotRead() {
            // A buffer counted in text (the windows Linux forms from its memory are
            // ReceiveWindowTest's and TimerCapturesTest's small-buffer capture's).
            Fixture fx = Fixture.established(Stacks.LINUX.with("rcv_segment_overhead", 0));
            fx.conn.setAutoRead(false);
            long window = 65536;
            long seq = 1;
            int previousField = 512;
            for (int i = 0; i < 100 && window > 0; i++) {
                int n = (int) Math.min(1448, window);
                List<Segment> acks = fx.arrive(fx.peer(ACK).seq(seq).ack(1).data(filled(n)));
                seq += n;
                if (acks.isEmpty()) {
                    fx.at(fx.host.nextDeadline()); // the delayed ACK
                    acks = fx.sent();
                }
                Segment a = acks.get(acks.size() - 1);
                assertTrue(a.window() <= previousField, "the window field only closes: " + a);
                previousField = a.window();
                window = fx.conn.rcvWnd();
            }
            assertEquals(0, fx.conn.rcvWnd());
            assertEquals(0, previousField, "the last ACK advertised a zero window");
            assertEquals(seq - 1, fx.conn.unread());
            // Reading 1000 bytes frees less than min(RCV.BUFF / 2, MSS): no window update.
            fx.conn.receive(1000, fx.now);
            fx.expectSent(fx.sent());
            // Reading more than min(RCV.BUFF / 2, MSS) does; with more than half the buffer free
            // the window is the free space rounded up to the scale's 128 bytes.
            fx.conn.receive(40_000, fx.now);
            long free = 65495 - fx.conn.unread();
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(seq).win((int) ((free + 127) / 128)));
        }
    }

    /**
     * When ACKs of text go (RFC 9293 3.8.6.3, RFC 1122 4.2.3.2; Linux quick-ACK and pingpong).
     * Most tests use an application that does not read yet (capture delayed-ack-noread): one
     * that reads pushed text at once also ACKs it at once (see the last tests).
     */
    @Nested
    class DelayedAck {
        private Fixture withQuickAcks(int quickAcks) {
            Fixture fx = Fixture.established(Stacks.LINUX.with("quick_acks", quickAcks));
            fx.conn.setAutoRead(false);
            return fx;
        }

        @Test
        void theFirstSegmentsAreAcknowledgedAtOnceThenTheAckWaits40ms() {
            Fixture fx = withQuickAcks(2);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("a")), fx.ours(ACK).seq(1).ack(2));
            fx.at(1_000);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(2).ack(1).data("b")), fx.ours(ACK).seq(1).ack(3));
            fx.at(2_000);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(3).ack(1).data("c")));
            assertEquals(42_000, fx.host.nextDeadline());
            fx.at(41_999);
            fx.expectSent(fx.sent());
            fx.at(42_000);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(1).ack(4));
        }

        @Test
        void linuxStartsWithSixteenQuickAcks() {
            Fixture fx = linux();
            fx.conn.setAutoRead(false);
            for (int i = 0; i < 16; i++) {
                fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1 + i).ack(1).data("x")), fx.ours(ACK).seq(1).ack(2 + i));
            }
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(17).ack(1).data("x")));
            assertEquals(40_000, fx.host.nextDeadline());
        }

        @Test
        void everySecondFullSizedSegmentIsAcknowledgedAtOnce() {
            Fixture fx = withQuickAcks(0);
            fx.conn.setAutoRead(true);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data(filled(1448))));
            assertEquals(40_000, fx.host.nextDeadline());
            fx.at(5_000);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1449).ack(1).data(filled(1448))), fx.ours(ACK).seq(1).ack(2897));
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(2897).ack(1).data(filled(1448))));
            assertEquals(45_000, fx.host.nextDeadline(), "the third waits for a fourth");
        }

        @Test
        void unreadTextDoesNotCountAsTwoSegments() {
            // __tcp_ack_snd_check: two segments force the ACK only if the right edge of the window
            // would not go back, which unread text prevents ("tcp_recvmsg() will send ACK
            // otherwise"); capture delayed-ack-noread, segments 18 to 20 after the quick ACKs.
            Fixture fx = withQuickAcks(0);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data(filled(1448))));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1449).ack(1).data(filled(1448))));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(2897).ack(1).data(filled(1448))));
            assertEquals(40_000, fx.host.nextDeadline());
        }

        @Test
        void dataSentBeforeTheTimerCarriesTheAck() {
            Fixture fx = withQuickAcks(0);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("ping")));
            fx.at(10_000);
            fx.conn.send(Fixture.bytes("pong"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(5).data("pong"));
            assertEquals(Tcb.NEVER, fx.tcb().timers.at(TcpTimer.DELAYED_ACK));
        }

        @Test
        void aTimerAboutToFireSendsTheNextAckAtOnce() {
            Fixture fx = withQuickAcks(0);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("a")));
            fx.at(35_000);
            // Within a quarter of the delay of the timer (Linux tcp_send_delayed_ack).
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(2).ack(1).data("b")), fx.ours(ACK).seq(1).ack(3));
        }

        @Test
        void anAnswerWithinTheDelayMakesTheNextRequestsAckWait() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("req1")), fx.ours(ACK).seq(1).ack(5));
            fx.at(1_000);
            fx.conn.send(Fixture.bytes("resp1"), fx.now);
            fx.sent();
            assertTrue(fx.tcb().delayedAcks.pingpong(), "interactive: an answer within 40 ms");
            fx.at(100_000);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(5).ack(6).data("req2")));
            assertEquals(140_000, fx.tcb().timers.at(TcpTimer.DELAYED_ACK), "no quick ACK in pingpong mode");
            fx.at(140_000);
            fx.expectSent(fx.sent(), fx.ours(ACK).seq(6).ack(9));
            assertTrue(!fx.tcb().delayedAcks.pingpong(), "a delayed ACK that had to go alone ends it");
            fx.at(200_000);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(9).ack(6).data("req3")), fx.ours(ACK).seq(6).ack(13));
        }

        @Test
        void aReadingApplicationAcknowledgesPushedTextAtOnce() {
            // Linux tcp_cleanup_rbuf: the application read everything, and it was pushed.
            Fixture fx = Fixture.established(Stacks.LINUX.with("quick_acks", 0));
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("a")), fx.ours(ACK).seq(1).ack(2));
            // A full-sized segment without PSH is not pushed: its ACK waits.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(1).data(filled(1448))));
            assertEquals(40_000, fx.host.nextDeadline());
        }

        @Test
        void inPingpongModeASecondPushedSegmentForcesTheAck() {
            Fixture fx = linux();
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("req"));
            fx.conn.send(Fixture.bytes("resp"), fx.now);
            fx.sent();
            fx.at(100_000);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(4).ack(5).data("a")));
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(5).ack(5).data("b")), fx.ours(ACK).seq(5).ack(6));
        }

        @Test
        void textbookAcknowledgesEverySegmentAtOnce() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            for (int i = 0; i < 20; i++) {
                assertEquals(1, fx.arrive(fx.peer(PSH | ACK).seq(1 + i).ack(1).data("x")).size());
            }
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        }
    }

    /** Out-of-order text and SACK (RFC 2018; RFC 5681 4.2). */
    /** macOS: tcp_cc_delay_ack delays the ACK of a segment only when it has no PSH. */
    @Nested
    class PushedTextAckedAtOnce {
        private final Profile pushy = Stacks.RFC9293.named("pushy").with("delayed_ack", 100_000L)
                .with("ack_pushed_at_once", true);

        @Test
        void pushedTextIsAcknowledgedAtOnce() {
            Fixture fx = Fixture.established(pushy);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("foobar\n")),
                    fx.ours(ACK).seq(1).ack(8).win(Fixture.TEXTBOOK_WINDOW - 7));
        }

        @Test
        void textWithoutPushWaitsForTheTimer() {
            Fixture fx = Fixture.established(pushy);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("foobar\n")));
            assertEquals(100_000, fx.host.nextDeadline());
        }
    }

    /** BSD tcp_output: every segment offers the free space, not the RFC's stepwise right edge. */
    @Nested
    class FreeSpaceWindow {
        @Test
        void smallSegmentsLeaveTheWindowWhole() {
            Fixture fx = Fixture.established(Stacks.RFC9293.named("bsdish").with("advertise_free_space", true));
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6).win(Fixture.TEXTBOOK_WINDOW));
        }

        @Test
        void theRfcRuleKeepsTheRightEdgeWhereItWas() {
            Fixture fx = Fixture.established(Stacks.RFC9293);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6).win(Fixture.TEXTBOOK_WINDOW - 5));
        }

        @Test
        void unreadTextShrinksTheOfferButNeverTheEdge() {
            Fixture fx = Fixture.established(Stacks.RFC9293.named("bsdish").with("advertise_free_space", true));
            fx.conn.setAutoRead(false);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6).win(Fixture.TEXTBOOK_WINDOW - 5));
        }
    }

    @Nested
    class OutOfOrder {
        @Test
        void eachOutOfOrderSegmentGetsADuplicateAckWithTheNewestBlockFirst() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(11).ack(1).data("bbbbb")), fx.ours(ACK).seq(1).ack(1).sack(11, 16));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(21).ack(1).data("ddddd")),
                    fx.ours(ACK).seq(1).ack(1).sack(21, 26, 11, 16));
            // Adjacent to the first block: they merge, and the merged block comes first.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(16).ack(1).data("ccccc")),
                    fx.ours(ACK).seq(1).ack(1).sack(11, 26));
            // The gap fills: everything is acknowledged at once, and no block is left.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("aaaaaaaaaa")), fx.ours(ACK).seq(1).ack(26));
            assertEquals("aaaaaaaaaabbbbbcccccddddd", Fixture.text(fx.events.received(fx.conn)));
        }

        @Test
        void atMostThreeBlocksFitBesideTimestamps() {
            Fixture fx = linux();
            for (int i = 0; i < 5; i++) {
                fx.arrive(fx.peer(ACK).seq(11 + 10L * i).ack(1).data("x"));
            }
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(71).ack(1).data("x")),
                    fx.ours(ACK).seq(1).ack(1).sack(71, 72, 51, 52, 41, 42));
        }

        @Test
        void heldTextTakesBufferSpaceFromTheWindow() {
            Fixture fx = Fixture.established(EstablishedTest.SMALL);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(801).ack(1).data(filled(100))),
                    fx.ours(ACK).seq(1).ack(1).win(1000));
            assertEquals(900, fx.tcb().freeSpace());
            // 600 bytes in order: the right edge moves (by 500, min(RCV.BUFF / 2, the peer's
            // Eff.snd.MSS 536)) to RCV.NXT + 900, not + 1000.
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data(filled(600))), fx.ours(ACK).seq(1).ack(601).win(900));
        }

        @Test
        void noSackBlocksWithoutSackPermitted() {
            Fixture fx = Fixture.established(Stacks.LINUX.with("sack", false));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(11).ack(1).data("x")), fx.ours(ACK).seq(1).ack(1));
        }
    }
}
