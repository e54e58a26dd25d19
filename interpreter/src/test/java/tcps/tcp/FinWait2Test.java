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
        return Fixture.finWait2(Profile.LINUX);
    }

    @Test
    void finEntersTimeWaitAndIsAcknowledgedAtOnceEvenAfterText() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("x")), fx.ours(ACK).seq(2).ack(2));
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(2).ack(2)), fx.ours(ACK).seq(2).ack(3));
        fx.expectState(TcpState.TIME_WAIT);
        assertEquals(List.of("FIN-WAIT-2 -> TIME-WAIT"), fx.transitions());
        assertEquals(60_000_000L, fx.host.nextDeadline());
    }

    @Test
    void textIsAcceptedAndAcknowledged() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(1).ack(2).data("abc")), fx.ours(ACK).seq(2).ack(4));
        assertEquals("abc", Fixture.text(fx.conn.received()));
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
}
