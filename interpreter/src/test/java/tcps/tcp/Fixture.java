package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One host under test (10.0.0.1) and a hand-driven peer (10.0.0.2). Factories put a connection
 * into a state by driving a real exchange with the peer; tests then feed one segment or make
 * one call and compare what the host sent with segments built from a template plus the fields
 * that matter: {@code fx.peer(ACK).seq(1).ack(1)}. Sequence numbers given to builders are
 * relative: the peer's from {@link #PEER_ISN}, ours from {@link #OUR_ISS}.
 */
final class Fixture {
    static final Ipv4 OUR_IP = Ipv4.parse("10.0.0.1").orElseThrow();
    static final Ipv4 PEER_IP = Ipv4.parse("10.0.0.2").orElseThrow();
    static final int CLIENT_PORT = 40000;
    static final int SERVER_PORT = 80;
    static final SeqNum OUR_ISS = SeqNum.of(1000);
    static final SeqNum PEER_ISN = SeqNum.of(5000);
    static final long OUR_TS_OFFSET = 100;
    static final long PEER_TSVAL = 7000;
    static final int PEER_MSS = 1460;
    static final int PEER_WSCALE = 7;

    static final int SYN = TcpFlags.SYN;
    static final int ACK = TcpFlags.ACK;
    static final int FIN = TcpFlags.FIN;
    static final int RST = TcpFlags.RST;
    static final int PSH = TcpFlags.PSH;

    final Profile profile;
    final SocketConfig config;
    final RecordingObserver events = new RecordingObserver();
    final TcpHost host;
    final TcpAddress us;
    final TcpAddress them;
    /** Both ends use timestamps / window scaling (the peer offers everything). */
    final boolean timestamps;
    final boolean scaling;
    long now;
    Connection conn;
    Listener listener;
    /** The window field our segments carry after the handshake, unless a test says otherwise. */
    int ourWindow;
    /** What the factory's first step sent (the SYN of an active OPEN). */
    List<Segment> opening = List.of();

    /** The textbook stack's fixed window: all that the 16-bit field holds (stdlib rfc9293.tcps). */
    static final int TEXTBOOK_WINDOW = 65535;

    private Fixture(Profile profile, boolean client) {
        this.profile = profile;
        this.config = new SocketConfig(profile, OUR_ISS, OUR_TS_OFFSET);
        this.host = new TcpHost(OUR_IP, profile,
                (l, r, t) -> { throw new AssertionError("the fixture fixes every ISN"); }, events);
        this.us = new TcpAddress(OUR_IP, client ? CLIENT_PORT : SERVER_PORT);
        this.them = new TcpAddress(PEER_IP, client ? SERVER_PORT : CLIENT_PORT);
        boolean options = profile.get(Parameters.OPTION_LAYOUT) != OptionLayout.NONE;
        this.timestamps = options && profile.get(Parameters.TIMESTAMPS);
        this.scaling = options && profile.offersWindowScale();
        this.ourWindow = scaling ? 512 : (int) Tcb.initialWindow(profile, profile.get(Parameters.MSS));
    }

    // ---- putting a connection into a state

    /** A host with no sockets at all: every port is closed. */
    static Fixture noSockets(Profile profile) {
        return new Fixture(profile, false);
    }

    /** Active OPEN at time 0: SYN-SENT; the SYN is in {@link #opening}. */
    static Fixture synSent(Profile profile) {
        Fixture fx = new Fixture(profile, true);
        fx.conn = fx.host.connect(CLIENT_PORT, fx.them, fx.config, 0);
        fx.opening = fx.sent();
        return fx.expectState(TcpState.SYN_SENT);
    }

    /** A listener on port 80, nothing arrived yet. */
    static Fixture listening(Profile profile) {
        Fixture fx = new Fixture(profile, false);
        fx.listener = fx.host.listen(SERVER_PORT, fx.config);
        return fx;
    }

    /** Passive side: the peer's SYN arrived, our SYN-ACK taken. */
    static Fixture synReceived(Profile profile) {
        Fixture fx = listening(profile);
        fx.arrive(fx.peerSyn());
        fx.conn = fx.listener.connections().get(0);
        return fx.expectState(TcpState.SYN_RECEIVED);
    }

    /** Active side: SYN, SYN-ACK, ACK. */
    static Fixture established(Profile profile) {
        Fixture fx = synSent(profile);
        fx.expectSent(fx.arrive(fx.peerSynAck()), fx.ours(ACK).seq(1).ack(1));
        fx.events.clear();
        return fx.expectState(TcpState.ESTABLISHED);
    }

    /** Passive side: SYN, SYN-ACK, ACK. */
    static Fixture serverEstablished(Profile profile) {
        Fixture fx = synReceived(profile);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(1)));
        fx.events.clear();
        return fx.expectState(TcpState.ESTABLISHED);
    }

    /** ESTABLISHED, then CLOSE: our FIN (seq 1) is out. */
    static Fixture finWait1(Profile profile) {
        Fixture fx = established(profile);
        fx.conn.close(fx.now);
        fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(1));
        fx.events.clear();
        return fx.expectState(TcpState.FIN_WAIT_1);
    }

    /** ESTABLISHED, then shutdown(SHUT_WR): our FIN is out, and the application still reads. */
    static Fixture halfClosedFinWait1(Profile profile) {
        Fixture fx = established(profile);
        fx.conn.shutdown(fx.now);
        fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(1));
        fx.events.clear();
        return fx.expectState(TcpState.FIN_WAIT_1);
    }

    /** Half-closed FIN-WAIT-1, then the peer acknowledges our FIN. */
    static Fixture halfClosedFinWait2(Profile profile) {
        Fixture fx = halfClosedFinWait1(profile);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(2)));
        fx.events.clear();
        return fx.expectState(TcpState.FIN_WAIT_2);
    }

    /** FIN-WAIT-1, then the peer acknowledges our FIN. */
    static Fixture finWait2(Profile profile) {
        Fixture fx = finWait1(profile);
        fx.expectSent(fx.arrive(fx.peer(ACK).seq(1).ack(2)));
        fx.events.clear();
        return fx.expectState(TcpState.FIN_WAIT_2);
    }

    /** FIN-WAIT-1, then the peer's FIN crosses ours (simultaneous close). */
    static Fixture closing(Profile profile) {
        Fixture fx = finWait1(profile);
        fx.finTakesWindow();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1)), fx.ours(ACK).seq(2).ack(2));
        fx.events.clear();
        return fx.expectState(TcpState.CLOSING);
    }

    /** FIN-WAIT-2, then the peer's FIN: TIME-WAIT, our ACK taken. */
    static Fixture timeWait(Profile profile) {
        Fixture fx = finWait2(profile);
        fx.finTakesWindow();
        fx.expectSent(fx.arrive(fx.peer(FIN | ACK).seq(1).ack(2)), fx.ours(ACK).seq(2).ack(2));
        fx.events.clear();
        return fx.expectState(TcpState.TIME_WAIT);
    }

    /**
     * ESTABLISHED, then the peer's FIN. No data came before it, so it is ACKed at once, or, where
     * the profile waits for the next delayed-ACK tick (fin_ack_delay), that much later.
     */
    static Fixture closeWait(Profile profile) {
        Fixture fx = established(profile);
        fx.finTakesWindow();
        List<Segment> sent = fx.arrive(fx.peer(FIN | ACK).seq(1).ack(1));
        if (profile.get(Parameters.FIN_ACK_DELAY) > 0) {
            fx.expectSent(sent);
            sent = fx.at(fx.now + profile.get(Parameters.FIN_ACK_DELAY)).sent();
        }
        fx.expectSent(sent, fx.ours(ACK).seq(1).ack(2));
        fx.events.clear();
        return fx.expectState(TcpState.CLOSE_WAIT);
    }

    /** CLOSE-WAIT, then CLOSE: our FIN is out. */
    static Fixture lastAck(Profile profile) {
        Fixture fx = closeWait(profile);
        fx.conn.close(fx.now);
        fx.expectSent(fx.sent(), fx.ours(FIN | ACK).seq(1).ack(2));
        fx.events.clear();
        return fx.expectState(TcpState.LAST_ACK);
    }

    /**
     * The peer's FIN is about to arrive. It takes a sequence number, and a stack that keeps its
     * right window edge until it can move by a worthwhile amount (RFC 9293 3.8.6.2.2; the
     * profiles that do not round the window up) advertises one byte less afterwards.
     */
    void finTakesWindow() {
        if (!scaling && !profile.get(Parameters.ROUND_WINDOW_UP)) {
            ourWindow--;
        }
    }

    // ---- driving

    /** Delivers a segment at {@link #now} and returns what the host sent in answer. */
    List<Segment> arrive(Seg segment) {
        return arrive(segment.build());
    }

    List<Segment> arrive(Segment segment) {
        host.segmentArrives(segment, now);
        return sent();
    }

    /** What the host has sent since the last look. */
    List<Segment> sent() {
        return host.takeOutgoing();
    }

    /** Moves the clock, firing the timers due. */
    Fixture at(long time) {
        now = time;
        host.advanceTo(time);
        return this;
    }

    /** A segment the host sent at a virtual instant. */
    record Timed(long at, Segment segment) {
        @Override
        public String toString() {
            return at + " µs: " + segment;
        }
    }

    /**
     * Fires every timer due up to {@code until}, one deadline at a time, without any answer from
     * the peer, and returns what the host sent and when. The clock ends at {@code until}.
     */
    List<Timed> runTimers(long until) {
        List<Timed> out = new java.util.ArrayList<>();
        while (host.nextDeadline() <= until) {
            at(host.nextDeadline());
            for (Segment s : sent()) {
                out.add(new Timed(now, s));
            }
        }
        at(until);
        return out;
    }

    /** The instants of {@code timed}, in seconds as decimal strings ("0.2", "1", "924.6"). */
    static List<String> seconds(List<Timed> timed) {
        return timed.stream().map(t -> seconds(t.at())).toList();
    }

    static String seconds(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    /** The time of the one error reported since the last clear, checking which error it is. */
    long errorAt(TcpError error) {
        assertEquals(1, events.errors.size(), "errors: " + events.errors);
        assertEquals(error, events.errors.get(0).error());
        return events.errors.get(0).now();
    }

    Fixture expectState(TcpState state) {
        assertEquals(state, conn.state(), "state of " + conn);
        return this;
    }

    void expectSent(List<Segment> actual, Seg... expected) {
        Segment[] built = new Segment[expected.length];
        for (int i = 0; i < expected.length; i++) {
            built[i] = expected[i].build();
        }
        SegmentAssert.assertSegments(actual, built);
    }

    /** Exactly one segment was discarded since the last look, for this reason and rule. */
    RecordingObserver.Discarded expectDiscarded(String reasonPart, String rfcSection) {
        assertEquals(1, events.discards.size(), "discards: " + events.discards);
        RecordingObserver.Discarded d = events.discards.remove(0);
        assertTrue(d.why().reason().contains(reasonPart),
                "discard reason \"" + d.why().reason() + "\" should contain \"" + reasonPart + "\"");
        assertEquals(rfcSection, d.why().rfcSection(), "RFC section of " + d.why());
        return d;
    }

    void expectNoDiscards() {
        assertEquals(List.of(), events.discards, "discards");
    }

    /** The state changes of the connection under test since the last clear, as "A -> B". */
    List<String> transitions() {
        return events.transitionsOf(conn);
    }

    Tcb tcb() {
        return (Tcb) conn;
    }

    long ourTsVal() {
        return config.tsVal(now);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // ---- segment templates

    /** A segment from the peer to us: seq 1, ack 1, its usual window and options. */
    Seg peer(int flags) {
        return new Seg(them, us, PEER_ISN, OUR_ISS, flags, scaling ? 512 : 65535,
                timestamps ? List.of(TcpOption.NOP, TcpOption.NOP,
                        new TcpOption.Timestamps(PEER_TSVAL, ourTsVal())) : List.of());
    }

    /** A segment we are expected to send: seq 1, ack 1, our usual window and options. */
    Seg ours(int flags) {
        return new Seg(us, them, OUR_ISS, PEER_ISN, flags, ourWindow,
                timestamps ? List.of(TcpOption.NOP, TcpOption.NOP,
                        new TcpOption.Timestamps(ourTsVal(), PEER_TSVAL)) : List.of());
    }

    /** The peer's options on a SYN: Linux's full set, whatever our profile. */
    List<TcpOption> peerSynOptions(long tsEcr) {
        return List.of(new TcpOption.Mss(PEER_MSS), TcpOption.SACK_PERMITTED,
                new TcpOption.Timestamps(PEER_TSVAL, tsEcr), TcpOption.NOP,
                new TcpOption.WindowScale(PEER_WSCALE));
    }

    Seg peerSyn() {
        return peer(SYN).seq(0).win(65535).options(peerSynOptions(0));
    }

    Seg peerSynAck() {
        return peer(SYN | ACK).seq(0).ack(1).win(65535).options(peerSynOptions(ourTsVal()));
    }

    /** A segment template: relative numbers, flags, window, options, text. */
    static final class Seg {
        private final TcpAddress src;
        private final TcpAddress dst;
        private final SeqNum seqBase;
        private final SeqNum ackBase;
        private int flags;
        private SeqNum seq;
        private SeqNum ack;
        private int window;
        private List<TcpOption> options;
        private byte[] payload = new byte[0];

        Seg(TcpAddress src, TcpAddress dst, SeqNum seqBase, SeqNum ackBase, int flags, int window,
                List<TcpOption> options) {
            this.src = src;
            this.dst = dst;
            this.seqBase = seqBase;
            this.ackBase = ackBase;
            this.flags = flags;
            this.seq = seqBase.plus(1);
            this.ack = (flags & ACK) != 0 ? ackBase.plus(1) : SeqNum.of(0);
            this.window = window;
            this.options = options;
        }

        /** SEG.SEQ relative to the sender's ISN. */
        Seg seq(long relative) {
            seq = seqBase.plus(relative);
            return this;
        }

        /** SEG.ACK relative to the receiver's ISN. */
        Seg ack(long relative) {
            ack = ackBase.plus(relative);
            return this;
        }

        Seg seqAbsolute(long value) {
            seq = SeqNum.of(value);
            return this;
        }

        Seg ackAbsolute(long value) {
            ack = SeqNum.of(value);
            return this;
        }

        Seg win(int field) {
            window = field;
            return this;
        }

        Seg options(List<TcpOption> list) {
            options = list;
            return this;
        }

        Seg noOptions() {
            return options(List.of());
        }

        /**
         * Appends {@code nop,nop,sack} with blocks given as pairs of edges relative to the
         * receiver's ISN (the sequence space being acknowledged), as Linux lays them out after TS.
         */
        Seg sack(long... edges) {
            List<TcpOption.SackBlock> blocks = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < edges.length; i += 2) {
                blocks.add(new TcpOption.SackBlock(ackBase.plus(edges[i]), ackBase.plus(edges[i + 1])));
            }
            List<TcpOption> o = new java.util.ArrayList<>(options);
            o.add(TcpOption.NOP);
            o.add(TcpOption.NOP);
            o.add(new TcpOption.Sack(blocks));
            options = List.copyOf(o);
            return this;
        }

        Seg data(String text) {
            payload = bytes(text);
            return this;
        }

        Seg data(byte[] bytes) {
            payload = bytes.clone();
            return this;
        }

        Segment build() {
            return new Segment(src, dst, seq, ack, flags, window, 0, options, payload);
        }
    }
}
