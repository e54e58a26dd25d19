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
    static final Profile SMALL = Profile.RFC9293.named("small").with("mss", 100).with("rcv_space", 1000);

    private static Fixture linux() {
        return Fixture.established(Profile.LINUX);
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
            assertEquals("hello", Fixture.text(fx.conn.received()));
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
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(6));
            fx.expectDiscarded("SEG.SEQ 1 .. 5 outside RCV.NXT 6", SECTION + " first check");
            assertEquals("hello", Fixture.text(fx.conn.received()));
        }

        @Test
        void textBeyondTheWindowGetsAnAck() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(65537).ack(1).data("x")), fx.ours(ACK).seq(1).ack(1));
            fx.expectDiscarded("segment not acceptable", SECTION + " first check");
            assertEquals(0, fx.conn.received().length);
        }

        @Test
        void textStraddlingRcvNxtKeepsOnlyItsNewPart() {
            Fixture fx = linux();
            fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello"));
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello world")), fx.ours(ACK).seq(1).ack(12));
            assertEquals("hello world", Fixture.text(fx.conn.received()));
            fx.expectNoDiscards();
        }

        @Test
        void textStraddlingTheRightEdgeIsTrimmedToTheWindow() {
            Fixture fx = Fixture.established(SMALL);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data(filled(1500))),
                    fx.ours(ACK).seq(1).ack(1001).win(1000));
            assertEquals(1000, fx.conn.received().length);
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
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(6).ack(1).data("world")), fx.ours(ACK).seq(1).ack(1));
            assertEquals(0, fx.conn.received().length);
            assertEquals(1, fx.tcb().receiveQueue.heldSegments());
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(11));
            assertEquals("helloworld", Fixture.text(fx.conn.received()));
            fx.expectNoDiscards();
        }

        @Test
        void aFinAfterAGapWaitsForTheGap() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1).data("world")), fx.ours(ACK).seq(1).ack(1));
            fx.expectState(TcpState.ESTABLISHED);
            fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(12));
            fx.expectState(TcpState.CLOSE_WAIT);
            assertTrue(fx.conn.finReceived());
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
            // SEND after a reset: broken pipe; the reset stays the connection's error.
            assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
            assertEquals(TcpError.EPIPE, fx.events.errors.get(1).error());
            assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.error());
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
            assertEquals(0, fx.conn.received().length);
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
            assertEquals(0, fx.conn.received().length);
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
            Fixture fx = linux();
            fx.conn.send(Fixture.bytes("ab"), fx.now);
            fx.conn.send(Fixture.bytes("cd"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(1).data("ab"),
                    fx.ours(PSH | ACK).seq(3).ack(1).data("cd"));
        }

        @Test
        void onlyWhatSndWndAllowsGoesOut() {
            Fixture fx = linux();
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
        void finWithNoTextBeforeItIsAcknowledgedAtOnce() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)), fx.ours(ACK).seq(1).ack(2));
            fx.expectState(TcpState.CLOSE_WAIT);
            assertTrue(fx.conn.finReceived());
            assertEquals(Fixture.PEER_ISN.plus(2), fx.conn.rcvNxt());
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
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline(), "no separate ACK is left to send");
        }

        @Test
        void dataWrittenBeforeTheDelayedAckCarriesTheAck() {
            Fixture fx = linux();
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1));
            fx.conn.send(Fixture.bytes("reply"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(7).data("reply"));
            assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        }

        @Test
        void finWithTextInTheSameSegmentIsAcknowledgedAtOnce() {
            Fixture fx = linux();
            fx.expectSent(fx.arrive(fx.peer(FIN | PSH | ACK).seq(1).ack(1).data("hello")), fx.ours(ACK).seq(1).ack(7));
            fx.expectState(TcpState.CLOSE_WAIT);
        }

        @Test
        void textbookProfileAcknowledgesAFinAfterTextAtOnce() {
            Fixture fx = Fixture.established(Profile.RFC9293);
            fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello"));
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(6).ack(1)), fx.ours(ACK).seq(1).ack(7));
        }
    }

    @Nested
    class SequenceSpaceWrap {
        /** Both ISNs just below 2^32: the whole conversation crosses zero. */
        @Test
        void aConversationAcrossTwoToThe32() {
            RecordingObserver events = new RecordingObserver();
            TcpHost host = new TcpHost(Ipv4.LOOPBACK, Profile.LINUX,
                    (l, r, t) -> SeqNum.of(l.port() == 1234 ? 0xffff_fff0L : 0xffff_ff00L), events);
            SocketConfig config = new SocketConfig(Profile.LINUX, null, 0);
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
                if (server != null && !done[1] && server.received().length == request.length) {
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
            assertEquals(request.length, server.received().length);
            assertEquals(reply.length, client.received().length);
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
            Fixture fx = linux();
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
        void shutdownSendsFinAndTheApplicationKeepsReading() {
            Fixture fx = linux();
            fx.conn.setAutoRead(false);
            assertEquals(Optional.empty(), fx.conn.shutdown(fx.now));
            fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(1));
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("more")), fx.ours(ACK).seq(2).ack(5));
            fx.expectState(TcpState.FIN_WAIT_2);
            assertEquals("more", Fixture.text(fx.conn.receive(100)));
            assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.shutdown(fx.now));
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
            Fixture fx = Fixture.established(Profile.RFC9293);
            fx.conn.abort(fx.now);
            // <SEQ=SND.NXT><CTL=RST>
            fx.expectSent(fx.sent(), fx.ours(RST).seq(1).ackAbsolute(0));
        }

        @Test
        void unreadTextShrinksTheAdvertisedWindow() {
            Fixture fx = Fixture.established(Profile.RFC9293);
            fx.conn.setAutoRead(false);
            fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("hello")),
                    fx.ours(ACK).seq(1).ack(6).win(65392 - 5));
            assertEquals(5, fx.conn.unread());
            assertEquals("hel", Fixture.text(fx.conn.receive(3)));
            fx.expectSent(fx.sent()); // 3 bytes are no reason for a window update
            assertEquals("lo", Fixture.text(fx.conn.receive(10)));
            fx.conn.send(Fixture.bytes("!"), fx.now);
            fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(6).win(65392).data("!"));
        }
    }
}
