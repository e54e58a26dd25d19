package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FIN-WAIT-2: our FIN is acknowledged; the peer may still send. */
class FinWait2Test {
    private static Fixture fx() {
        return Fixture.finWait2(Stacks.LINUX);
    }

    @Test
    void finEntersTimeWaitAndIsAcknowledgedAtOnceEvenAfterText() {
        Fixture fx = Fixture.halfClosedFinWait2(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("x")), fx.ours(ACK).seq(2).ack(2));
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(2).ack(2)), fx.ours(ACK).seq(2).ack(3));
        fx.expectState(TcpState.TIME_WAIT);
        assertEquals(List.of("FIN-WAIT-2 -> TIME-WAIT"), fx.transitions());
        assertEquals(60_000_000L, fx.host.nextDeadline());
    }

    @Test
    void textIsAcceptedAndAcknowledgedAfterShutdown() {
        Fixture fx = Fixture.halfClosedFinWait2(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("abc")), fx.ours(ACK).seq(2).ack(4));
        assertEquals("abc", Fixture.text(fx.events.received(fx.conn)));
    }

    @Test
    void textAfterCloseIsAnsweredWithRstOnLinux() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("abc")),
                fx.ours(RST).seq(2).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("RST sent", "RFC 9293 3.10.7.4 seventh check, RFC 1122 4.2.2.13");
        fx.expectState(TcpState.CLOSED);
    }

    @Test
    void rstResetsTheConnection() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(1)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.error());
    }

    @Test
    void synGetsAChallengeAck() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(SYN).seq(10).options(fx.peerSynOptions(0))), fx.ours(ACK).seq(2).ack(1));
        fx.expectDiscarded("challenge ACK", "RFC 9293 3.10.7.4 fourth check, RFC 5961 4.2");
        fx.expectState(TcpState.FIN_WAIT_2);
    }

    @Test
    void abortSendsRst() {
        Fixture fx = fx();
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(2).ack(1));
    }

    @Test
    void anOrphanedConnectionLeavesAfterFinTimeoutSilently() {
        // Linux tcp_fin_timeout 60 s: the application closed and the peer never sends its FIN.
        Fixture fx = fx();
        assertEquals(60_000_000, fx.host.nextDeadline());
        assertEquals(List.of(), fx.runTimers(59_999_999));
        fx.expectState(TcpState.FIN_WAIT_2);
        assertEquals(List.of(), fx.runTimers(60_000_000));
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of("FIN-WAIT-2 -> CLOSED"), fx.transitions());
        assertEquals(60_000_000, fx.events.stateChanges.get(0).now());
        assertEquals(List.of(), fx.events.errors);
        assertEquals(List.of(), fx.host.connections());
    }

    @Test
    void theFinTimeoutCountsFromEnteringFinWait2() {
        Fixture fx = Fixture.finWait1(Stacks.LINUX.with("fin_timeout", 30_000_000L));
        fx.at(5_000);
        fx.arrive(fx.peer(ACK).seq(1).ack(2));
        fx.expectState(TcpState.FIN_WAIT_2);
        assertEquals(30_005_000, fx.host.nextDeadline());
    }

    @Test
    void aFinBeforeTheTimeoutEndsInTimeWaitInstead() {
        Fixture fx = fx();
        fx.at(59_000_000);
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2)), fx.ours(ACK).seq(2).ack(2));
        fx.expectState(TcpState.TIME_WAIT);
        assertEquals(59_000_000 + 60_000_000, fx.host.nextDeadline(), "TIME-WAIT's own 60 s");
    }

    @Test
    void afterShutdownFinWait2WaitsForEver() {
        Fixture fx = Fixture.halfClosedFinWait2(Stacks.LINUX);
        assertEquals(Long.MAX_VALUE, fx.host.nextDeadline(), "the application may still read");
        fx.conn.close(fx.now + 1_000);
        assertEquals(1_000 + 60_000_000, fx.host.nextDeadline(), "close() starts the timeout");
    }

    @Test
    void theTextbookHasNoFinWait2Timeout() {
        Fixture fx = Fixture.finWait2(Stacks.RFC9293);
        assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
    }
}
