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
        return Fixture.finWait1(Profile.LINUX);
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
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("late")), fx.ours(ACK).seq(2).ack(5));
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(5).ack(1)), fx.ours(ACK).seq(2).ack(6));
        fx.expectState(TcpState.CLOSING);
    }

    @Test
    void textIsStillAcceptedAndAcknowledged() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(1).data("late")), fx.ours(ACK).seq(2).ack(5));
        assertEquals("late", Fixture.text(fx.conn.received()));
    }

    @Test
    void rstResetsTheConnection() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(1)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.ECONNRESET), fx.conn.error());
    }

    @Test
    void closeSendOrShutdownAgainIsConnectionClosing() {
        Fixture fx = fx();
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.close(fx.now));
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.send(Fixture.bytes("x"), fx.now));
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.shutdown(fx.now));
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.error());
        assertEquals(3, fx.events.errors.size());
        fx.expectSent(fx.sent());
    }

    @Test
    void abortSendsRstAfterOurFin() {
        Fixture fx = fx();
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(2).ack(1));
        fx.expectState(TcpState.CLOSED);
    }
}
