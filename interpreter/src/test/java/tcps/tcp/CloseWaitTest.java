package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.PSH;
import static tcps.tcp.Fixture.RST;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CLOSE-WAIT: the peer's FIN (seq 1) has arrived; we may still send. */
class CloseWaitTest {
    private static Fixture fx() {
        return Fixture.closeWait(Stacks.LINUX);
    }

    @Test
    void closeSendsFinAndEntersLastAck() {
        Fixture fx = fx();
        assertTrue(fx.conn.finReceived());
        assertEquals(Optional.empty(), fx.conn.close(fx.now));
        fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(2));
        assertEquals(List.of("CLOSE-WAIT -> LAST-ACK"), fx.transitions());
    }

    @Test
    void shutdownDoesTheSame() {
        Fixture fx = fx();
        assertEquals(Optional.empty(), fx.conn.shutdown(fx.now));
        fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(2));
        fx.expectState(TcpState.LAST_ACK);
    }

    @Test
    void sendingStillWorks() {
        Fixture fx = fx();
        assertEquals(Optional.empty(), fx.conn.send(Fixture.bytes("reply"), fx.now));
        fx.expectSent(fx.sent(), fx.ours(PSH | ACK).seq(1).ack(2).data("reply"));
    }

    @Test
    void textAfterThePeersFinIsIgnored() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(PSH | ACK).seq(2).ack(1).data("bogus")));
        fx.expectDiscarded("text after the peer's FIN is ignored", "RFC 9293 3.10.7.4 seventh check");
        assertEquals(0, fx.events.received(fx.conn).length);
    }

    @Test
    void retransmittedFinIsAcknowledgedAgain() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)), fx.ours(ACK).seq(1).ack(2));
        fx.expectDiscarded("segment not acceptable", "RFC 9293 3.10.7.4 first check");
        fx.expectState(TcpState.CLOSE_WAIT);
    }

    @Test
    void rstResetsTheConnectionAndTheApplicationSeesEpipe() {
        // Linux tcp_reset sets EPIPE, not ECONNRESET, once the peer's FIN has come
        // (captures/rst-in-close-wait: send() -> EPIPE, EPIPE; recv() -> 0; close() -> 0).
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(2)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.error());
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
        assertEquals(new ReadResult.EndOfFile(), fx.conn.read(100, fx.now));
        assertEquals(Optional.empty(), fx.conn.close(fx.now));
    }

    @Test
    void abortSendsRst() {
        Fixture fx = fx();
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent(), fx.ours(RST | ACK).seq(1).ack(2));
        fx.expectState(TcpState.CLOSED);
    }
}
