package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.RST;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CLOSING: both FINs crossed; ours (seq 1) still awaits its ACK. */
class ClosingTest {
    private static Fixture fx() {
        return Fixture.closing(Stacks.LINUX);
    }

    @Test
    void ackOfOurFinEntersTimeWait() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(2)));
        fx.expectState(TcpState.TIME_WAIT);
        assertEquals(List.of("CLOSING -> TIME-WAIT"), fx.transitions());
        assertEquals(60_000_000L, fx.host.nextDeadline());
    }

    @Test
    void ackThatDoesNotCoverOurFinIsIgnored() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(2).ack(1)));
        fx.expectDiscarded("ACK in CLOSING does not acknowledge our FIN", "RFC 9293 3.10.7.4 fifth check");
        fx.expectState(TcpState.CLOSING);
    }

    @Test
    void rstClosesWithoutAnError() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(2)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.empty(), fx.conn.error());
    }

    @Test
    void abortSendsNothing() {
        Fixture fx = fx();
        fx.conn.abort(fx.now);
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.CLOSED);
    }

    /** Both ends of one host close at once: FIN-WAIT-1, CLOSING, TIME-WAIT on each side. */
    @Test
    void simultaneousCloseOnOneHost() {
        RecordingObserver events = new RecordingObserver();
        TcpHost host = new TcpHost(Ipv4.LOOPBACK, Stacks.LINUX, (l, r, t) -> SeqNum.of(l.port() * 10L), events);
        SocketConfig config = new SocketConfig(Stacks.LINUX, null, 0);
        Loopback net = new Loopback(host, 10);
        Listener server = host.listen(2000, config);
        Connection client = host.connect(1000, new TcpAddress(Ipv4.LOOPBACK, 2000), config, 0);
        net.run(() -> { });
        Connection accepted = server.connections().get(0);
        assertEquals(TcpState.ESTABLISHED, accepted.state());
        int handshake = net.sent.size();

        client.close(net.now);
        accepted.close(net.now);
        boolean[] bothInTimeWait = {false};
        net.run(() -> {
            if (client.state() == TcpState.TIME_WAIT && accepted.state() == TcpState.TIME_WAIT) {
                bothInTimeWait[0] = true;
            }
        });

        List<Segment> closing = net.sent.subList(handshake, net.sent.size());
        assertEquals(List.of("FIN-ACK", "FIN-ACK", "ACK", "ACK"),
                closing.stream().map(s -> TcpFlags.words(s.flags())).toList(), SegmentAssert.listing(closing));
        assertTrue(bothInTimeWait[0]);
        List<String> expected = List.of("ESTABLISHED -> FIN-WAIT-1", "FIN-WAIT-1 -> CLOSING",
                "CLOSING -> TIME-WAIT", "TIME-WAIT -> CLOSED");
        assertEquals(expected, tail(events.transitionsOf(client), 4));
        assertEquals(expected, tail(events.transitionsOf(accepted), 4));
        assertEquals(TcpState.CLOSED, client.state());
        assertTrue(events.discards.isEmpty(), events.discards.toString());
        assertEquals("", new String(events.received(client), StandardCharsets.US_ASCII));
    }

    private static List<String> tail(List<String> list, int n) {
        return list.subList(list.size() - n, list.size());
    }
}
