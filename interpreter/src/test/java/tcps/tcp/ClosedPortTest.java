package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertNull;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import org.junit.jupiter.api.Test;

/** RFC 9293 3.10.7.1: a segment no connection or listener owns. */
class ClosedPortTest {
    private static final String SECTION = "RFC 9293 3.10.7.1";

    @Test
    void synWithoutAckGetsRstAckAcknowledgingIt() {
        Fixture fx = Fixture.noSockets(Stacks.LINUX);
        // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, window 0, no options
        fx.expectSent(fx.arrive(fx.peerSyn()),
                fx.ours(RST | ACK).seqAbsolute(0).ack(1).win(0).noOptions());
        RecordingObserver.Discarded d = fx.expectDiscarded("no socket on port 80", SECTION);
        assertNull(d.connection(), "no connection owns it");
    }

    @Test
    void textWithoutAckIsAcknowledgedWholeIncludingFin() {
        Fixture fx = Fixture.noSockets(Stacks.RFC9293);
        fx.expectSent(fx.arrive(fx.peer(FIN).seq(10).data("hello")),
                fx.ours(RST | ACK).seqAbsolute(0).ack(16).win(0).noOptions());
        fx.expectDiscarded("answered with RST", SECTION);
    }

    @Test
    void ackBearingSegmentGetsRstAtItsAck() {
        Fixture fx = Fixture.noSockets(Stacks.LINUX);
        // <SEQ=SEG.ACK><CTL=RST>
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(7).data("x")),
                fx.ours(RST).seq(7).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("answered with RST", SECTION);
    }

    @Test
    void rstIsIgnored() {
        Fixture fx = Fixture.noSockets(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(RST | ACK).seq(1).ack(1)));
        fx.expectDiscarded("RST to a closed port is ignored", SECTION);
    }

    @Test
    void synAckToAClosedPortGetsRst() {
        Fixture fx = Fixture.noSockets(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(SYN | ACK).seq(0).ack(1)),
                fx.ours(RST).seq(1).ackAbsolute(0).win(0).noOptions());
        fx.expectDiscarded("answered with RST", SECTION);
    }
}
