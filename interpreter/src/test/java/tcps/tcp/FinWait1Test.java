package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FIN-WAIT-1: our FIN (seq 1) is out and not yet acknowledged. */
class FinWait1Test {
    private static Fixture fx() {
        return Fixture.finWait1(Stacks.LINUX);
    }

    @Test
    void ackOfOurFinEntersFinWait2() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(2)));
        fx.expectState(TcpState.FIN_WAIT_2);
        assertEquals(List.of("FIN-WAIT-1 -> FIN-WAIT-2"), fx.transitions());
        fx.expectNoDiscards();
    }

    @Test
    void ackThatStopsShortOfOurFinChangesNothing() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        fx.expectState(TcpState.FIN_WAIT_1);
    }

    @Test
    void finThatAcknowledgesOurFinEntersTimeWait() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2)), fx.ours(ACK).seq(2).ack(2));
        fx.expectState(TcpState.TIME_WAIT);
        assertEquals(List.of("FIN-WAIT-1 -> FIN-WAIT-2", "FIN-WAIT-2 -> TIME-WAIT"), fx.transitions());
    }

    @Test
    void finThatCrossesOursIsSimultaneousCloseIntoClosing() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)), fx.ours(ACK).seq(2).ack(2));
        fx.expectState(TcpState.CLOSING);
        assertEquals(List.of("FIN-WAIT-1 -> CLOSING"), fx.transitions());
    }

    @Test
    void finAfterTextIsStillAcknowledgedAtOnce() {
        Fixture fx = Fixture.halfClosedFinWait1(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("late")), fx.ours(ACK).seq(2).ack(5));
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(5).ack(1)), fx.ours(ACK).seq(2).ack(6));
        fx.expectState(TcpState.CLOSING);
    }

    @Test
    void textIsStillAcceptedAndAcknowledgedAfterShutdown() {
        Fixture fx = Fixture.halfClosedFinWait1(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("late")), fx.ours(ACK).seq(2).ack(5));
        assertEquals("late", Fixture.text(fx.events.received(fx.conn)));
    }

    @Test
    void textAfterCloseIsAnsweredWithRstOnLinux() {
        Fixture fx = fx();
        // RFC 1122 4.2.2.13; Linux tcp_rcv_state_process: <SEQ=SEG.ACK><CTL=RST>, no options.
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("late")),
                fx.ours(RST).seq(1).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("text after the application closed: nobody will read it; RST sent",
                "RFC 9293 3.10.7.4 seventh check, RFC 1122 4.2.2.13");
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of(), fx.host.connections());
        assertEquals(Optional.empty(), fx.conn.error(), "nobody is left to tell");
    }

    @Test
    void textAfterCloseIsAcceptedByTheTextbook() {
        Fixture fx = Fixture.finWait1(Stacks.RFC9293);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("late")),
                fx.ours(ACK).seq(2).ack(5).win(fx.ourWindow - 4));
        fx.expectState(TcpState.FIN_WAIT_1);
    }

    @Test
    void rstResetsTheConnection() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(1)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.error());
    }

    @Test
    void closeAgainIsConnectionClosingWhileSendIsEpipeAndShutdownAgainFine() {
        // Linux (captures/write-after-shutdown): send() after the FIN is EPIPE, a second
        // shutdown(SHUT_WR) returns 0.
        Fixture fx = fx();
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.close(fx.now));
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
        assertEquals(Optional.empty(), fx.conn.shutdown(fx.now));
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.error());
        assertEquals(2, fx.events.errors.size());
        fx.expectSent(fx.sent());
    }

    @Test
    void abortSendsRstAfterOurFin() {
        Fixture fx = fx();
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(2).ack(1));
        fx.expectState(TcpState.CLOSED);
    }

    @Test
    void theFinIsRetransmittedByTheSameTimerAsData() {
        // A loss probe at 0.2 s (RFC 8985), then the RTO from it, backing off.
        Fixture fx = fx();
        List<Fixture.Timed> resent = fx.runTimers(1_500_000);
        assertEquals(List.of("0.2", "0.4", "0.8"), Fixture.seconds(resent));
        fx.now = 200_000;
        SegmentAssert.assertSegment("first copy", fx.ours(FIN | ACK).seq(1).ack(1).build(), resent.get(0).segment());
        fx.expectState(TcpState.FIN_WAIT_1);
    }

    @Test
    void anOrphanedConnectionGivesUpAfterOrphanRetries() {
        // Linux tcp_orphan_retries 0 means 8 while the RTO is below TCP_RTO_MAX:
        // tcp_model_timeout(8, 200 ms) = 511 * 0.2 s = 102.2 s, checked when the timer fires:
        // the loss probe, 8 retransmissions, and nothing at the end.
        Fixture fx = fx();
        List<Fixture.Timed> resent = fx.runTimers(200_000_000);
        assertEquals(List.of("0.2", "0.4", "0.8", "1.6", "3.2", "6.4", "12.8", "25.6", "51.2"),
                Fixture.seconds(resent));
        assertEquals(102_400_000, fx.errorAt(TcpError.ETIMEDOUT));
        fx.expectState(TcpState.CLOSED);
    }

    @Test
    void afterShutdownTheFinRetriesAsLongAsData() {
        Fixture fx = Fixture.halfClosedFinWait1(Stacks.LINUX);
        assertEquals(1 + 15, fx.runTimers(2_000_000_000L).size(), "the loss probe and 15 retries");
        assertEquals(924_800_000, fx.errorAt(TcpError.ETIMEDOUT), "the first timer after 924.6 s");
    }
}
