package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.RST;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LAST-ACK: the peer closed first, then we did; our FIN (seq 1) awaits its ACK. */
class LastAckTest {
    private static Fixture fx() {
        return Fixture.lastAck(Stacks.LINUX);
    }

    @Test
    void ackOfOurFinDeletesTheTcb() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(2)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of("LAST-ACK -> CLOSED"), fx.transitions());
        assertEquals(List.of(), fx.host.connections());
        fx.expectNoDiscards();
        // The ends are no longer demultiplexed: the same ACK again finds a closed port.
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(2)), fx.ours(RST).seq(2).ackAbsolute(0).win(0).noOptions());
        RecordingObserver.Discarded d = fx.expectDiscarded("no socket on port 40000", "RFC 9293 3.10.7.1");
        assertNull(d.connection());
        fx.expectState(TcpState.CLOSED);
    }

    @Test
    void ackShortOfOurFinChangesNothing() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(1)));
        fx.expectState(TcpState.LAST_ACK);
    }

    @Test
    void retransmittedFinIsAcknowledgedAgain() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)), fx.ours(ACK).seq(2).ack(2));
        fx.expectState(TcpState.LAST_ACK);
    }

    @Test
    void rstClosesWithoutAnError() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(2)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.empty(), fx.conn.error());
    }

    @Test
    void closeAgainIsConnectionClosingAndSendIsEpipe() {
        Fixture fx = fx();
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.close(fx.now));
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
        fx.expectSent(fx.sent());
    }

    @Test
    void anUnacknowledgedFinIsRetransmitted() {
        Fixture fx = fx();
        List<Fixture.Timed> resent = fx.runTimers(500_000);
        // The FIN left at 4 ms (the close came after the ACK of the peer's FIN, at the next tick).
        assertEquals(List.of("0.204", "0.404"), Fixture.seconds(resent), "the loss probe, then the RTO");
        fx.now = 404_000;
        SegmentAssert.assertSegment("second copy", fx.ours(FIN | ACK).seq(1).ack(2).build(), resent.get(1).segment());
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(2)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
    }
}
