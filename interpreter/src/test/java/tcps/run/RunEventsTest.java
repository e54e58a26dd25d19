package tcps.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tcps.check.Checker;
import tcps.grammar.ScriptParser;
import tcps.syntax.Source;
import tcps.tcp.SeqNum;
import tcps.tcp.TcpError;
import tcps.tcp.TcpState;

/** A run's result is data: what reporters read, checked event by event. */
class RunEventsTest {
    static ScenarioResult run(String script) {
        Source source = new Source("t.tcps", script);
        ScriptParser.Result parsed = ScriptParser.parse(source);
        assertTrue(parsed.ok(), () -> parsed.errors().toString());
        Checker.Result checked = Checker.check(parsed.script());
        assertTrue(checked.ok(), () -> checked.errors().toString());
        return Interpreter.run(checked.plans().get(0), source, RunOptions.DEFAULT);
    }

    @Test
    void aLostSynIsSentLostAndRetransmittedUntilTheClientGivesUp() {
        ScenarioResult r = run("""
                profile p extends linux { syn_retries 1; syn_linear_timeouts 0 }
                stack p
                drop next 2 client > server SYN
                client connect
                wait 10s
                """);
        assertEquals(List.of("client", "server"), r.endpoints().stream().map(ScenarioResult.Endpoint::name).toList());
        assertEquals("p", r.endpoints().get(0).profile());
        List<RunEvent.SegmentSent> sent = r.events(RunEvent.SegmentSent.class);
        assertEquals(2, sent.size());
        assertEquals(List.of(0L, 1_024_000L), sent.stream().map(RunEvent::time).toList(),
                "1 s on Linux's timer wheel (timer_wheel_hz 250)");
        assertEquals("client", sent.get(0).from());
        assertEquals("server", sent.get(0).to());
        List<RunEvent.SegmentFault> faults = r.events(RunEvent.SegmentFault.class);
        assertEquals(List.of(RunEvent.Effect.LOST, RunEvent.Effect.LOST),
                faults.stream().map(RunEvent.SegmentFault::effect).toList());
        assertEquals("`drop next 2 client > server SYN` at line 3", faults.get(0).origin());
        assertTrue(r.events(RunEvent.SegmentArrived.class).isEmpty(), "a lost segment never arrives");

        RunEvent.SocketCall listen = r.events(RunEvent.SocketCall.class).get(0);
        assertEquals("listen", listen.call(), "the server listens from the start, before any statement");
        assertEquals("server", listen.endpoint());
        RunEvent.SocketCall connect = r.events(RunEvent.SocketCall.class).get(1);
        assertEquals("connect", connect.call());
        assertNull(connect.error());
        assertEquals(4, connect.at().line());
        assertEquals(0, connect.afterSegments(), "the call comes before the SYN it sends");

        List<RunEvent.StateChanged> states = r.events(RunEvent.StateChanged.class);
        assertEquals(TcpState.SYN_SENT, states.get(0).to());
        RunEvent.StateChanged last = states.get(states.size() - 1);
        assertEquals(TcpState.CLOSED, last.to());
        assertEquals(3_040_000L, last.time(), "1 s then 2 s: the RTO doubled once (1.024 + 2.016 on the wheel)");
        RunEvent.ErrorSeen error = r.events(RunEvent.ErrorSeen.class).get(0);
        assertEquals(TcpError.ETIMEDOUT, error.error());
        assertEquals("client", error.endpoint());
    }

    @Test
    void eachSegmentCarriesTheTcbVariablesOfBothEndsOnceItArrived() {
        ScenarioResult r = run("""
                stack linux
                server listen
                client connect
                client write 13
                wait 1s
                """);
        List<RunEvent.SegmentArrived> arrived = r.events(RunEvent.SegmentArrived.class);
        assertEquals(r.capture().size(), arrived.size());
        RunEvent.TcbSnapshot afterData = r.events(RunEvent.TcbSnapshot.class).stream()
                .filter(s -> s.segment() == 3 && s.moment() == RunEvent.Moment.ARRIVED && s.endpoint().equals("server"))
                .findFirst().orElseThrow();
        assertEquals(TcpState.ESTABLISHED, afterData.state());
        SeqNum irs = afterData.irs();
        assertEquals(irs.plus(14), afterData.rcvNxt(), "SYN + 13 bytes received");
        RunEvent.TcbSnapshot client = r.events(RunEvent.TcbSnapshot.class).stream()
                .filter(s -> s.segment() == 3 && s.moment() == RunEvent.Moment.SENT && s.endpoint().equals("client"))
                .findFirst().orElseThrow();
        assertEquals(client.iss().plus(14), client.sndNxt());
        assertEquals(client.iss().plus(1), client.sndUna(), "the data is not acknowledged yet");
        RunEvent.SocketCall write = r.events(RunEvent.SocketCall.class).stream()
                .filter(c -> c.call().equals("write")).findFirst().orElseThrow();
        assertEquals("13 bytes", write.returned());
    }

    @Test
    void aDiscardNamesTheSegmentItDroppedAndTheRule() {
        ScenarioResult r = run("""
                client send SYN
                expect SYN-ACK ack=isn+1
                client send ACK
                client send [P.] seq=isn+900000 "x"
                wait 1s
                """);
        RunEvent.Discarded d = r.events(RunEvent.Discarded.class).get(0);
        assertEquals("server", d.endpoint());
        assertEquals("client", d.from());
        assertEquals(3, d.segment());
        assertEquals("RFC 9293 3.10.7.4 first check", d.rfcSection());
        assertTrue(d.reason().startsWith("segment not acceptable"), d.reason());
    }

    @Test
    void aCorruptedSegmentArrivesAndIsDroppedUnseen() {
        ScenarioResult r = run("""
                stack linux
                server listen
                client connect
                expect client > server SYN
                expect server > client SYN-ACK
                expect client > server ACK
                corrupt next client > server
                client write 5
                wait 2s
                """);
        RunEvent.SegmentFault corrupt = r.events(RunEvent.SegmentFault.class).get(0);
        assertEquals(RunEvent.Effect.CORRUPTED, corrupt.effect());
        RunEvent.SegmentArrived bad = r.events(RunEvent.SegmentArrived.class).stream()
                .filter(a -> a.segment() == corrupt.segment()).findFirst().orElseThrow();
        assertEquals(RunEvent.Arrival.CORRUPTED, bad.arrival());
    }

    @Test
    void timersSayWhenTheyFireAndWhy() {
        ScenarioResult r = run("""
                profile p extends linux { syn_retries 1; syn_linear_timeouts 0 }
                stack p
                drop next 2 client > server SYN
                client connect
                wait 10s
                """);
        List<RunEvent.Timer> rto = r.events(RunEvent.Timer.class).stream()
                .filter(t -> t.timer().equals("retransmission")).toList();
        assertEquals(List.of(RunEvent.TimerChange.ARMED, RunEvent.TimerChange.FIRED, RunEvent.TimerChange.ARMED,
                RunEvent.TimerChange.FIRED), rto.stream().map(RunEvent.Timer::change).toList());
        assertEquals(1_024_000L, rto.get(0).deadline(), "1 s on Linux's timer wheel");
        assertEquals("RTO 1 s = initial_rto (no RTT sample yet)", rto.get(0).reason());
        assertEquals(1_000_000L, rto.get(0).values().get("initial_rto"));
        assertEquals(1_024_000L, rto.get(1).time(), "a timer fires at its deadline");
        assertEquals(3_040_000L, rto.get(2).deadline(), "backed off: 2 s from 1 s, on the wheel");
        assertEquals("RTO 2 s: 1 s = initial_rto (no RTT sample yet), doubled once (back-off)", rto.get(2).reason());
        assertEquals(1L, rto.get(2).values().get("backoffs"));
        assertEquals(3_040_000L, rto.get(3).time());
        RunEvent.ErrorSeen gaveUp = r.events(RunEvent.ErrorSeen.class).get(0);
        assertTrue(r.events().indexOf(rto.get(3)) < r.events().indexOf(gaveUp), "the timer fires, then the error");
    }

    @Test
    void timeWaitEndsAfterItsTimeAndADelayedAckWaitsItsDelay() {
        ScenarioResult r = run("""
                stack linux
                server listen
                client connect
                expect client > server SYN
                expect server > client SYN-ACK
                expect client > server ACK
                client write 13
                expect server > client ACK
                server write 11
                expect client > server ACK
                server close
                expect server > client FIN-ACK
                wait 1s
                client close
                wait 61s
                """);
        List<String> fired = r.events(RunEvent.Timer.class).stream()
                .filter(t -> t.change() == RunEvent.TimerChange.FIRED).map(t -> t.endpoint() + " " + t.reason()).toList();
        // Linux's timer wheel: 40 ms (10 jiffies) fires after 11, 60 s at the end of its 2.048 s bucket.
        assertEquals(List.of("client delayed ACK sent after 43.94 ms", "server TIME-WAIT ends (60.44 s)"), fired);
    }
}
