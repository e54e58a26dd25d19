package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tcps.tcp.Fixture.ACK;
import static tcps.tcp.Fixture.FIN;
import static tcps.tcp.Fixture.RST;
import static tcps.tcp.Fixture.SYN;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TIME-WAIT, entered at time 0 after both FINs (ours seq 1, the peer's seq 1). */
class TimeWaitTest {
    private static Fixture fx() {
        return Fixture.timeWait(Stacks.LINUX);
    }

    @Test
    void timerDeletesTheTcbAfterTimeWaitOfTheProfile() {
        Fixture fx = fx();
        assertEquals(60_000_000L, fx.host.nextDeadline());
        fx.at(59_999_999);
        fx.expectState(TcpState.TIME_WAIT);
        fx.at(60_000_000);
        fx.expectState(TcpState.CLOSED);
        RecordingObserver.StateChange last = fx.events.stateChanges.get(0);
        assertEquals("TIME-WAIT -> CLOSED", last.toString());
        assertEquals(60_000_000L, last.now());
        assertEquals(List.of(), fx.host.connections());
        assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
        fx.expectSent(fx.sent());
    }

    @Test
    void textbookTimeWaitIsTwoMsl() {
        Fixture fx = Fixture.timeWait(Stacks.RFC9293);
        assertEquals(240_000_000L, fx.host.nextDeadline());
    }

    @Test
    void retransmittedFinIsAcknowledgedAndRestartsTheTimer() {
        Fixture fx = fx();
        fx.at(30_000_000);
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2)), fx.ours(ACK).seq(2).ack(2));
        fx.expectDiscarded("retransmitted FIN in TIME-WAIT: ACK sent, TIME-WAIT timer restarted",
                "RFC 9293 3.10.7.4 eighth check");
        assertEquals(90_000_000L, fx.host.nextDeadline());
        fx.at(60_000_000);
        fx.expectState(TcpState.TIME_WAIT);
        fx.at(90_000_000);
        fx.expectState(TcpState.CLOSED);
    }

    @Test
    void rstClosesAtOnce() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(RST).seq(2)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(Optional.empty(), fx.conn.error());
    }

    @Test
    void synGetsAChallengeAck() {
        Fixture fx = fx();
        fx.expectSent(fx.arrive(fx.peer(SYN).seq(100).options(fx.peerSynOptions(0))), fx.ours(ACK).seq(2).ack(2));
        fx.expectDiscarded("SYN in a synchronized state", "RFC 9293 3.10.7.4 fourth check, RFC 5961 4.2");
        fx.expectState(TcpState.TIME_WAIT);
    }

    @Test
    void closeIsConnectionClosingAndSendIsEpipe() {
        Fixture fx = fx();
        assertEquals(Optional.of(TcpError.ECONNCLOSING), fx.conn.close(fx.now));
        assertEquals(Optional.of(TcpError.EPIPE), fx.conn.send(Fixture.bytes("x"), fx.now));
        fx.expectSent(fx.sent());
    }

    @Test
    void abortDeletesWithoutRst() {
        Fixture fx = fx();
        assertEquals(Optional.empty(), fx.conn.abort(fx.now));
        fx.expectSent(fx.sent());
        fx.expectState(TcpState.CLOSED);
        assertEquals(Long.MAX_VALUE, fx.host.nextDeadline());
    }

    /** The server closed first: TIME-WAIT on the listening port, the listener still open. */
    private static Fixture serverTimeWait(Profile profile) {
        Fixture fx = Fixture.serverEstablished(profile);
        fx.conn.close(fx.now);
        fx.sent();
        fx.arrive(fx.peer(ACK).seq(1).ack(2));
        fx.finTakesWindow();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2)), fx.ours(ACK).seq(2).ack(2));
        fx.events.clear();
        return fx.expectState(TcpState.TIME_WAIT);
    }

    private static List<TcpOption> synOptions(long tsVal) {
        return List.of(new TcpOption.Mss(Fixture.PEER_MSS), TcpOption.SACK_PERMITTED,
                new TcpOption.Timestamps(tsVal, 0), TcpOption.NOP, new TcpOption.WindowScale(Fixture.PEER_WSCALE));
    }

    @Test
    void aNewSynWithANewerTimestampReopensTheConnection() {
        // RFC 6191; Linux tcp_timewait_state_process returns TCP_TW_SYN and the listener takes
        // the SYN with ISS = the old SND.NXT + 65535 + 2.
        Fixture fx = serverTimeWait(Stacks.LINUX);
        fx.at(1_000_000);
        List<Segment> sent = fx.arrive(fx.peer(SYN).seq(100_000).options(synOptions(Fixture.PEER_TSVAL + 1000)));
        fx.expectState(TcpState.CLOSED);
        assertEquals(List.of("TIME-WAIT -> CLOSED"), fx.transitions());
        assertEquals(2, fx.listener.connections().size());
        Connection fresh = fx.listener.connections().get(1);
        assertEquals(TcpState.SYN_RECEIVED, fresh.state());
        assertEquals(Fixture.OUR_ISS.plus(2 + 65537), fresh.iss());
        assertEquals(1, sent.size());
        assertEquals(Fixture.OUR_ISS.plus(2 + 65537), sent.get(0).seq());
        assertEquals(Fixture.PEER_ISN.plus(100_001), sent.get(0).ack(), "the SYN-ACK answers the new SYN");
        assertEquals(List.of(fresh), fx.host.connections());
    }

    @Test
    void anOlderTimestampIsAnOldDuplicateAndGetsAnAck() {
        Fixture fx = serverTimeWait(Stacks.LINUX);
        fx.expectSent(fx.arrive(fx.peer(SYN).seq(100_000).options(synOptions(Fixture.PEER_TSVAL - 1))),
                fx.ours(ACK).seq(2).ack(2));
        fx.expectState(TcpState.TIME_WAIT);
        assertEquals(1, fx.listener.connections().size());
    }

    @Test
    void theTextbookAnswersEverySynInTimeWaitWithAnAck() {
        Fixture fx = serverTimeWait(Stacks.RFC9293);
        fx.expectSent(fx.arrive(fx.peer(SYN).seq(100_000).noOptions()), fx.ours(ACK).seq(2).ack(2));
        fx.expectState(TcpState.TIME_WAIT);
    }

    @Test
    void everyRetransmittedFinIsAcknowledgedDespiteTheRateLimit() {
        Fixture fx = fx();
        for (int i = 0; i < 3; i++) {
            fx.at(fx.now + 100_000);
            fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2)), fx.ours(ACK).seq(2).ack(2));
        }
    }
}
