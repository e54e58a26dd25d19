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

    @Test
    void linuxsTimerWheelRoundsEachTimeoutUpToItsLevelsGranule() {
        Timers wheel = new Timers(null, TcpObserver.NONE, 250);
        assertEquals(208_000, wheel.onWheel(200_020, 0), "RTO 200.02 ms: 51 jiffies, fires after 52 (captures/data-lost: 208 ms)");
        assertEquals(4_000, wheel.onWheel(4_000, 30), "one jiffy or less: the next tick (captures/fin-no-data)");
        assertEquals(44_000, wheel.onWheel(40_030, 30), "the 40 ms delayed ACK: 10 jiffies, after 11");
        assertEquals(1_024_000, wheel.onWheel(1_000_000, 0), "1 s = 250 jiffies, level 1: a multiple of 8 (captures/syn-retries: 1.024 s)");
        assertEquals(61_440_000, wheel.onWheel(60_000_000, 0), "60 s, level 3: a multiple of 512 jiffies (captures/time-wait: 61.2-66.2 s)");
        assertEquals(69_632_000, wheel.onWheel(35_584_000 + 32_000_000, 35_584_000), "the 11th SYN (captures/syn-retries-default: 69.127 s)");
        Timers exact = new Timers(null, TcpObserver.NONE, 0);
        assertEquals(200_020, exact.onWheel(200_020, 0), "timer_wheel_hz 0: exact");
    }
}
