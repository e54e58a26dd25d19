package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tcps.tcp.TcpFlags.ACK;
import static tcps.tcp.TcpFlags.FIN;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection's timers are armed, fired and cancelled in one place, and say so with a cause. */
class TimersTest {
    private static String shown(TimerEvent e) {
        return e.timer().label() + " " + e.action().name().toLowerCase() + " @" + e.deadline()
                + (e.action() == TimerEvent.Action.ARMED ? " (+" + e.duration() + ")" : "") + ": " + e.cause();
    }

    @Test
    void aLostSynArmsFiresAndRearmsTheRetransmissionTimer() {
        Fixture fx = Fixture.synSent(Stacks.RFC9293);
        fx.at(1_000_000);
        assertEquals(List.of(
                "retransmission armed @1000000 (+1000000): sent with the timer off (RFC 6298 5.1)",
                "retransmission fired @1000000: expired",
                "retransmission armed @3000000 (+2000000): retransmitted, RTO backed off (RFC 6298 5.5, 5.6)"),
                fx.events.timers.stream().map(TimersTest::shown).toList());
        assertEquals(3_000_000, fx.host.nextDeadline(), "the next deadline is the re-armed timer");
    }

    @Test
    void timeWaitTurnsTheOtherTimersOffAndIsTheOnlyOneLeft() {
        Fixture fx = Fixture.finWait2(Stacks.LINUX);
        fx.events.clear();
        fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2));
        assertEquals(TcpState.TIME_WAIT, fx.conn.state());
        List<String> events = fx.events.timers.stream().map(TimersTest::shown).toList();
        assertEquals("TIME-WAIT armed @" + (fx.now + 60_000_000) + " (+60000000): 2 MSL (RFC 9293 3.10.7.4)",
                events.get(events.size() - 1));
        assertEquals(fx.now + 60_000_000, fx.host.nextDeadline());
        fx.events.clear();
        fx.at(fx.now + 60_000_000);
        assertEquals(List.of("TIME-WAIT fired @" + fx.now + ": expired"),
                fx.events.timers.stream().map(TimersTest::shown).toList());
        assertEquals(TcpState.CLOSED, fx.conn.state());
    }

    @Test
    void anAckOfEverythingCancelsTheRetransmissionTimer() {
        Fixture fx = Fixture.established(Stacks.RFC9293);
        fx.conn.send(Fixture.bytes("hello"), fx.now);
        fx.sent();
        fx.events.clear();
        fx.arrive(fx.peer(ACK).seq(1).ack(6));
        assertEquals(List.of("retransmission cancelled @" + (fx.now + 1_000_000)
                + ": everything acknowledged (RFC 6298 5.2)"),
                fx.events.timers.stream().map(TimersTest::shown).toList());
        assertEquals(Timers.NEVER, fx.host.nextDeadline());
    }
}
