package tcps.run;

import static tcps.tcp.Parameters.ISN_GENERATOR;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import tcps.check.Checker;
import tcps.check.Defaults;
import tcps.check.EndpointPlan;
import tcps.check.Exprs;
import tcps.check.Mode;
import tcps.check.SocketOption;
import tcps.check.ScenarioPlan;
import tcps.sim.BudgetExceeded;
import tcps.sim.Captured;
import tcps.sim.Fault;
import tcps.sim.LinkObserver;
import tcps.sim.Network;
import tcps.sim.ScriptedEndpoint;
import tcps.syntax.Direction;
import tcps.syntax.Duration;
import tcps.syntax.Expr;
import tcps.syntax.Field;
import tcps.syntax.Name;
import tcps.syntax.OptionItem;
import tcps.syntax.SegmentSpec;
import tcps.syntax.Source;
import tcps.syntax.Span;
import tcps.syntax.Statement;
import tcps.tcp.BsdIsnCounter;
import tcps.tcp.Connection;
import tcps.tcp.Ipv4;
import tcps.tcp.IsnGenerator;
import tcps.tcp.Profile;
import tcps.tcp.ReadResult;
import tcps.tcp.Rfc6528Isn;
import tcps.tcp.Segment;
import tcps.tcp.SendData;
import tcps.tcp.SeqNum;
import tcps.tcp.SocketConfig;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpError;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpHost;
import tcps.tcp.TcpObserver;
import tcps.tcp.TcpOption;
import tcps.tcp.TcpState;
import tcps.tcp.TimerEvent;

/**
 * Runs one checked scenario: builds its network, then walks its statements in order. Actions
 * happen at the current instant; {@code expect}, {@code wait} and {@code wait until} move the
 * virtual clock (docs/language.md, "Time and the order of things").
 */
final class ScenarioRun {
    private static final int FIRST_EPHEMERAL = 32768;
    private static final int EPHEMERAL_COUNT = 60999 - 32768 + 1;
    private static final int SCRIPTED_WINDOW = 65535;
    /** The data offset is 4 bits of 32-bit words: at most 60 bytes of TCP header, 40 of them options. */
    private static final int MAX_OPTION_BYTES = 40;
    /** An IPv4 packet is at most 65535 bytes; 20 of IPv4 header and 20 of TCP header leave this. */
    private static final int MAX_PAYLOAD = 65535 - 20 - 20;

    private final ScenarioPlan plan;
    private final Source source;
    /** The text the statement being run is written in: the script, or a macro's expansion. */
    private Source text;
    /** Told what tools show beside the script (values, matches); {@link Evaluation.Observer#NONE} in a plain run. */
    private final Evaluation.Observer watcher;
    /** The macro calls being run, the innermost first. */
    private final java.util.Deque<Statement.Expansion> expansions = new java.util.ArrayDeque<>();
    /** Every fault armed, with where it was armed, to warn about those that never took a segment. */
    private final List<Armed> armed = new ArrayList<>();
    /** {@code unmatched segments fail}: segments no expect matched are failures. */
    private Statement.UnmatchedFail unmatchedFail;
    /** When the segment matched last in each direction was sent, for {@code after D}. */
    private final Map<String, Long> lastMatchedTo = new HashMap<>();
    private final RunOptions options;
    private final Network net = new Network(Defaults.LINK_DELAY);
    private final Map<String, Actor> actors = new LinkedHashMap<>();
    private final Bindings bindings = new Bindings();
    private final Numbering numbering;
    private final SegmentMatch match;
    private final BitSet matched = new BitSet();
    /** Segments an {@code expect eventually} passed over: not matched, and no later expect takes them. */
    private final BitSet skipped = new BitSet();
    /** Per way an expect looks, where in the capture its next unmatched segment may be. */
    private final Map<Way, int[]> cursors = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    /** The segment whose arrival is being processed, or -1: what a discard is about. */
    private int arriving = -1;
    private final TimerWatch timers = new TimerWatch();
    private int passed;
    /** True while a socket call runs, so its error is reported once, as the call's result. */
    private boolean inCall;
    /** When the segment matched last was sent; {@code expect ... after D} counts from it. */
    private long lastMatchedTime;
    /** Statements run so far, each round of a repeat and each macro call counted, against {@link Limits#statements}. */
    private long statementsRun;
    /** Bytes the applications wrote so far, against {@link Limits#bytesWritten}. */
    private long bytesWritten;

    /** A limit of the run was reached at a statement: it fails, and the scenario stops there. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Span span;

        LimitReached(Span span, String message) {
            super(message, null, false, false);
            this.span = span;
        }
    }

    ScenarioRun(ScenarioPlan plan, Source source, RunOptions options, Evaluation.Observer values) {
        this.plan = plan;
        this.source = source;
        this.text = source;
        this.options = options;
        this.numbering = new Numbering(plan.absoluteNumbers(), actors, this::peerOf, bindings, source, values);
        this.watcher = values;
        this.match = new SegmentMatch(plan, numbering);
    }

    ScenarioResult run() {
        setUp();
        boolean stopped = false;
        List<Statement> statements = plan.scenario().statements();
        // Without details, the capture is kept only until the last statement that may look at it.
        int lastReader = options.detailed() ? statements.size() : lastCaptureReader(statements);
        if (lastReader < 0) {
            net.stopKeepingCapture();
        }
        for (int i = 0; i < statements.size(); i++) {
            if (options.failFast() && !failures.isEmpty()) {
                stopped = true;
                break;
            }
            if (!execute(statements.get(i))) {
                break;
            }
            if (i == lastReader) {
                net.stopKeepingCapture();
            }
        }
        List<Captured> unmatched = net.capture().stream()
                .filter(c -> !c.scripted() && !matched.get(c.index())).toList();
        if (unmatchedFail != null && !stopped) {
            for (Captured c : unmatched) {
                fail(unmatchedFail.span(), "segment " + (c.index() + 1) + " (" + nameOf(c.segment().src()) + " > "
                        + nameOf(c.segment().dst()) + " [" + TcpFlags.tcpdump(c.segment().flags()) + "]) was not "
                        + "matched by any expect (`unmatched segments fail`)", List.of(), c.index());
            }
        }
        warnAboutIdleFaults();
        List<ScenarioResult.Endpoint> endpoints = actors.values().stream().map(a -> new ScenarioResult.Endpoint(
                a.plan().name(), a.address(), a instanceof Actor.Scripted,
                a.plan().mode() == Mode.SCRIPTED ? null : a.plan().profile().name())).toList();
        return new ScenarioResult(plan.scenario().name(), endpoints, net.capture(), events, failures, passed,
                unmatched, stopped, net.now(), net.sent());
    }

    /**
     * The index of the last statement that may look at the capture (expect a segment, expect
     * nothing), or -1. Statements known not to are listed; any other kind counts as looking, and
     * so does the whole scenario when it says `unmatched segments fail`.
     */
    private static int lastCaptureReader(List<Statement> statements) {
        if (statements.stream().anyMatch(st -> st instanceof Statement.UnmatchedFail)) {
            return statements.size();
        }
        for (int i = statements.size() - 1; i >= 0; i--) {
            Statement st = statements.get(i);
            boolean blind = st instanceof Statement.Setup || st instanceof Statement.Call
                    || st instanceof Statement.Write || st instanceof Statement.Read || st instanceof Statement.Send
                    || st instanceof Statement.Fault || st instanceof Statement.Wait
                    || st instanceof Statement.WaitUntil || st instanceof Statement.StopsReading
                    || st instanceof Statement.Let || st instanceof Statement.ExpectState
                    || st instanceof Statement.ExpectError;
            if (!blind) {
                return i;
            }
        }
        return -1;
    }

    /** Runs statements in order (a repeat's, a macro's); false when the run must stop. */
    private boolean executeAll(List<Statement> statements) {
        for (Statement st : statements) {
            if (options.failFast() && !failures.isEmpty() || !execute(st)) {
                return false;
            }
        }
        return !(options.failFast() && !failures.isEmpty());
    }

    /** Runs one statement; false when a limit of the run was reached and nothing more runs. */
    private boolean execute(Statement st) {
        tcps.grammar.Cancelled.check(); // a grader's thread past its real time stops here, or in the network's step
        if (++statementsRun > options.limits().statements()) {
            // a repeat inside a repeat runs a short script for ever; each statement run counts
            fail(st.span(), options.limits().statementsReached(), List.of());
            return false;
        }
        try {
            st.accept(execution);
            net.countMemoryAfterStatement(); // what the statement kept, and what the failures it recorded hold
        } catch (ScriptError e) {
            fail(e.span, e.getMessage(), List.of());
        } catch (Exprs.Overflow e) {
            fail(e.span, e.getMessage(), List.of());
        } catch (BudgetExceeded e) {
            if (e.kind() == BudgetExceeded.Kind.INTERRUPTED) {
                throw new tcps.grammar.Cancelled();
            }
            // A limit of the run: what happened so far is reported, nothing more runs.
            Limits limits = options.limits();
            fail(st.span(), e.kind() == BudgetExceeded.Kind.TIME ? limits.virtualTimeReached()
                    : e.kind() == BudgetExceeded.Kind.MEMORY ? limits.memoryReached() : limits.eventsReached(), List.of());
            return false;
        } catch (LimitReached e) {
            fail(e.span, e.getMessage(), List.of());
            return false;
        }
        return true;
    }

    // ---- the network and its endpoints --------------------------------------------------------

    private void setUp() {
        if (options.detailed()) {
            net.observe(link);
        }
        net.limit(options.limits().events(), options.limits().virtualTime());
        net.limitMemory(options.limits().memoryBytes(), this::keptBytes);
        IsnGenerator isns = new Rfc6528Isn(Seeds.derive(options.seed(), "isn-key"));
        Map<String, TcpAddress> addresses = new LinkedHashMap<>();
        for (EndpointPlan p : plan.endpoints().values()) {
            // The client's label predates hosts; other ephemeral ports are drawn per name.
            String label = p.name().equals("client") ? "client-port" : "port:" + p.name();
            addresses.put(p.name(), new TcpAddress(p.ip(), p.port() != 0 ? p.port() : ephemeralPort(label)));
        }
        for (EndpointPlan p : plan.endpoints().values()) {
            add(p, addresses.get(p.name()), addresses.get(plan.peerOf(p.name()).name()), isns);
        }
        if (plan.serverListensFromStart()) {
            Actor.Stack s = (Actor.Stack) actors.get("server");
            s.listener = s.host.listen(s.address().port(), s.config());
            // no statement calls it: the call is the scenario's own
            returned(s, plan.scenario().span(), "listen", Optional.empty());
        }
    }

    private int ephemeralPort(String label) {
        return FIRST_EPHEMERAL + (int) Math.floorMod(Seeds.derive(options.seed(), label), EPHEMERAL_COUNT);
    }

    private void add(EndpointPlan p, TcpAddress address, TcpAddress peer, IsnGenerator isns) {
        SeqNum fixedIsn = p.isn() == null ? null : SeqNum.of(Exprs.constant(p.isn()));
        if (p.mode() == Mode.SCRIPTED) {
            SeqNum isn = fixedIsn != null ? fixedIsn : isns.next(address, peer, net.now());
            ScriptedEndpoint puppet = new ScriptedEndpoint(address, isn, SCRIPTED_WINDOW);
            net.addScripted(puppet);
            actors.put(p.name(), new Actor.Scripted(p, puppet));
            return;
        }
        // Linux derives the timestamp offset from the address pair, so on loopback both ends agree.
        long tsOffset = p.ts() != null ? Exprs.constant(p.ts())
                : Seeds.derive(options.seed(), "ts-offset", address.ip().bits(), peer.ip().bits()) & 0xffffffffL;
        TcpHost host = net.host(address.ip());
        if (host == null) {
            host = new TcpHost(address.ip(), p.profile(), isnGenerator(p.profile(), address.ip(), isns), observer);
            net.addHost(host);
        }
        actors.put(p.name(), new Actor.Stack(p, address, host, new SocketConfig(p.profile(), fixedIsn, tsOffset)));
    }

    /**
     * The ISN generator of a new host, as the profile of its first socket says (isn_generator):
     * the run's RFC 6528 generator, keyed from the seed, or a BSD counter of the host's own,
     * which starts from a value drawn from the seed and the host's address (a machine that has
     * been up a while), so that runs stay reproducible.
     */
    private IsnGenerator isnGenerator(Profile profile, Ipv4 address, IsnGenerator rfc6528) {
        return switch (profile.get(ISN_GENERATOR)) {
            case RFC6528 -> rfc6528;
            case BSD -> new BsdIsnCounter(Seeds.derive(options.seed(), "bsd-iss", address.bits()) & 0xffffffffL);
        };
    }

    /** Keeps what the stacks report, as events. */
    private final TcpObserver observer = new TcpObserver() {
        @Override
        public void stateChanged(Connection connection, TcpState from, TcpState to, long now) {
            if (!options.detailed()) {
                return;
            }
            events.add(new RunEvent.StateChanged(now, net.sent(), nameOf(connection.local()),
                    connection.remote() == null ? null : nameOf(connection.remote()), from, to));
        }

        @Override
        public void discarded(Connection connection, Segment segment, tcps.tcp.Discard why, long now) {
            if (!options.detailed()) {
                return;
            }
            events.add(new RunEvent.Discarded(now, net.sent(), nameOf(segment.dst()), nameOf(segment.src()),
                    arriving, segment.flags(), why.reason(), why.rfcSection()));
        }

        @Override
        public void delivered(Connection connection, byte[] text, long now) {
            // Read at once (an application reading everything as it arrives): it has these bytes.
            if (connection.unread() == 0 && actorAt(connection.local()) instanceof Actor.Stack a) {
                a.reads(connection).add(text);
            }
        }

        @Override
        public void error(Connection connection, TcpError error, long now) {
            if (inCall || !options.detailed()) {
                return; // what a socket call returns is its SocketCall event
            }
            events.add(new RunEvent.ErrorSeen(now, net.sent(), nameOf(connection.local()), error));
        }

        @Override
        public void timer(Connection connection, TimerEvent event, long now) {
            if (!options.detailed()) {
                return;
            }
            events.add(timers.event(nameOf(connection.local()), connection, event, now, net.sent()));
        }
    };

    /** Keeps what the link reports, as events, with the TCB variables of both ends at each step. */
    private final LinkObserver link = new LinkObserver() {
        @Override
        public void sent(Captured c) {
            Segment s = c.segment();
            events.add(new RunEvent.SegmentSent(c.time(), c.index(), c.index(), nameOf(s.src()), nameOf(s.dst()),
                    c.scripted()));
            if (c.fault() != null) {
                Fault.Action a = c.fault().action();
                RunEvent.Effect effect = a instanceof Fault.Action.Drop ? RunEvent.Effect.LOST
                        : a instanceof Fault.Action.Delay ? RunEvent.Effect.DELAYED
                        : a instanceof Fault.Action.Duplicate ? RunEvent.Effect.DUPLICATED
                        : a instanceof Fault.Action.Reorder ? RunEvent.Effect.REORDERED
                        : RunEvent.Effect.CORRUPTED;
                long extra = a instanceof Fault.Action.Delay d ? d.extra() : 0;
                events.add(new RunEvent.SegmentFault(c.time(), c.index() + 1, c.index(), effect, extra,
                        c.fault().origin()));
            }
            snapshots(c, RunEvent.Moment.SENT);
        }

        @Override
        public void arriving(Captured c) {
            arriving = c.index();
        }

        @Override
        public void arrived(Captured c) {
            arriving = -1;
            RunEvent.Arrival how = switch (c.fate()) {
                case CORRUPTED -> RunEvent.Arrival.CORRUPTED;
                case UNDELIVERABLE -> RunEvent.Arrival.UNDELIVERABLE;
                default -> RunEvent.Arrival.DELIVERED;
            };
            events.add(new RunEvent.SegmentArrived(net.now(), net.sent(), c.index(),
                    nameOf(c.segment().dst()), how));
            snapshots(c, RunEvent.Moment.ARRIVED);
        }
    };

    /** The TCB variables of every stack endpoint that has a connection, at a moment of segment {@code c}. */
    private void snapshots(Captured c, RunEvent.Moment moment) {
        for (Actor a : actors.values()) {
            if (a instanceof Actor.Stack stack) {
                Optional<Connection> conn = stack.connection();
                if (conn.isPresent()) {
                    Connection k = conn.get();
                    events.add(new RunEvent.TcbSnapshot(net.now(), net.sent(), c.index(), moment,
                            a.plan().name(), k.state(), k.iss(), k.irs().orElse(null), k.sndUna(), k.sndNxt(),
                            k.sndWnd(), k.irs().isPresent() ? k.rcvNxt() : null, k.rcvWnd(), k.rto(), k.cwnd() == Long.MAX_VALUE ? -1 : k.cwnd()));
                }
            }
        }
    }

    private Actor actor(Name name) {
        return actors.get(name.text());
    }

    private Actor.Stack stack(Name name) {
        return (Actor.Stack) actors.get(name.text());
    }

    private Actor peerOf(Actor a) {
        return actors.get(plan.peerOf(a.plan().name()).name());
    }

    private Actor actorAt(TcpAddress address) {
        for (Actor a : actors.values()) {
            if (a.address().equals(address)) {
                return a;
            }
        }
        return null;
    }

    // ---- statements ---------------------------------------------------------------------------

    /**
     * What each statement does when its turn comes. Setup statements took effect in setUp(),
     * except the link's settings, which take effect where they stand.
     */
    private final Statement.Visitor<Void> execution = new Statement.Visitor<>() {
        @Override
        public Void visitStack(Statement.Stack s) {
            return null;
        }

        @Override
        public Void visitHost(Statement.Host s) {
            return null;
        }

        @Override
        public Void visitScripted(Statement.Scripted s) {
            return null;
        }

        @Override
        public Void visitNumbers(Statement.Numbers s) {
            return null;
        }

        @Override
        public Void visitAt(Statement.At s) {
            return null;
        }

        @Override
        public Void visitIsn(Statement.Isn s) {
            return null;
        }

        @Override
        public Void visitTs(Statement.Ts s) {
            return null;
        }

        @Override
        public Void visitLinkDelay(Statement.LinkDelay d) {
            net.setLinkDelay(d.delay().micros());
            return null;
        }

        @Override
        public Void visitLinkRtt(Statement.LinkRtt r) {
            net.setLinkDelay(r.rtt().micros() / 2);
            return null;
        }

        @Override
        public Void visitLoss(Statement.Loss l) {
            net.setLoss(l.percent() / 100, Seeds.derive(options.seed(), "loss"));
            return null;
        }

        @Override
        public Void visitCall(Statement.Call c) {
            inCall(() -> call(c));
            return null;
        }

        @Override
        public Void visitSetSockOpt(Statement.SetSockOpt o) {
            setSockOpt(o);
            return null;
        }

        @Override
        public Void visitWrite(Statement.Write w) {
            inCall(() -> write(w));
            return null;
        }

        @Override
        public Void visitRead(Statement.Read r) {
            Connection c = connection(r.endpoint(), "read from");
            inCall(() -> {
                int got = c.receive(r.count() == null ? Integer.MAX_VALUE
                        : (int) inRange(r.count(), numbering.number(r.count()), "a byte count", 1, Checker.MAX_READ),
                        net.now()).length;
                returned(stack(r.endpoint()), r.span(), "read", Optional.empty(), got + " bytes");
            });
            net.flush();
            return null;
        }

        @Override
        public Void visitStopsReading(Statement.StopsReading r) {
            connection(r.endpoint(), "stop reading on").setAutoRead(false);
            return null;
        }

        @Override
        public Void visitSend(Statement.Send s) {
            send(s);
            return null;
        }

        @Override
        public Void visitFault(Statement.Fault f) {
            fault(f);
            return null;
        }

        @Override
        public Void visitWait(Statement.Wait w) {
            net.runUntil(Network.later(net.now(), w.duration().micros()));
            return null;
        }

        @Override
        public Void visitWaitUntil(Statement.WaitUntil w) {
            waitUntil(w);
            return null;
        }

        @Override
        public Void visitLet(Statement.Let l) {
            numbering.let(l.name().text(), l.value());
            return null;
        }

        @Override
        public Void visitExpectSegment(Statement.ExpectSegment e) {
            expectSegment(e);
            return null;
        }

        @Override
        public Void visitExpectNothing(Statement.ExpectNothing e) {
            expectNothing(e);
            return null;
        }

        @Override
        public Void visitExpectError(Statement.ExpectError e) {
            expectError(e);
            return null;
        }

        @Override
        public Void visitExpectState(Statement.ExpectState e) {
            expectState(e);
            return null;
        }

        @Override
        public Void visitExpectRead(Statement.ExpectRead e) {
            expectRead(e);
            return null;
        }

        @Override
        public Void visitUnmatchedFail(Statement.UnmatchedFail s) {
            unmatchedFail = s;
            return null;
        }

        @Override
        public Void visitExpectReadable(Statement.ExpectReadable e) {
            expectReadable(e);
            return null;
        }

        @Override
        public Void visitExpectValue(Statement.ExpectValue e) {
            expectValue(e);
            return null;
        }

        @Override
        public Void visitRepeat(Statement.Repeat r) {
            long rounds = numbering.number(r.count());
            for (long i = 0; i < rounds; i++) {
                int before = failures.size();
                if (!executeAll(r.body()) || failures.size() > before) {
                    break; // a round that failed would fail the same way again
                }
            }
            return null;
        }

        @Override
        public Void visitRepeatUntil(Statement.RepeatUntil r) {
            repeatUntil(r);
            return null;
        }

        @Override
        public Void visitExpansion(Statement.Expansion x) {
            Source outer = text;
            expansions.push(x);
            text = x.source();
            numbering.source(text);
            try {
                executeAll(x.body());
            } finally {
                expansions.pop();
                text = outer;
                numbering.source(outer);
            }
            return null;
        }

        @Override
        public Void visitBroken(Statement.Broken b) {
            throw new IllegalStateException("a broken statement never runs: the checker refused its file, at " + b.span());
        }
    };

    /** {@code repeat until} runs more rounds than this only when told ({@code repeat at most N until}). */
    static final int REPEAT_LIMIT = 1000;

    /** The body, then the condition, until it holds; a round that fails ends it. */
    private void repeatUntil(Statement.RepeatUntil r) {
        long limit = r.limit() == null ? REPEAT_LIMIT : numbering.number(r.limit());
        for (long round = 1; ; round++) {
            int before = failures.size();
            if (!executeAll(r.body()) || failures.size() > before) {
                return;
            }
            Outcome o = holds(r.condition());
            if (o.holds()) {
                return;
            }
            if (round >= limit) {
                fail(r.condition().span(), "`" + text.text(r.condition().span()) + "` still does not hold after "
                        + round + (round == 1 ? " round" : " rounds") + " (" + o.shown() + ")"
                        + (r.limit() == null ? "; write `repeat at most N until` to allow more" : ""), List.of());
                return;
            }
        }
    }

    /** Whether a condition holds now, and its values in words. */
    private record Outcome(boolean holds, String shown) {}

    private Outcome holds(tcps.syntax.Condition condition) {
        return condition.accept(new tcps.syntax.Condition.Visitor<Outcome>() {
            @Override
            public Outcome visitStateIs(tcps.syntax.Condition.StateIs s) {
                net.settleInFlight();
                Actor.Stack a = stack(s.endpoint());
                return new Outcome(a.state() == plan.state(s.state()), a.plan().name() + " is in " + a.state());
            }

            @Override
            public Outcome visitCompare(tcps.syntax.Condition.Compare c) {
                return compare(c);
            }
        });
    }

    /**
     * Both sides of a comparison, evaluated now. Sequence numbers compare modulo 2^32 as RFC 9293
     * 3.4 says (a < b when b is less than 2^31 ahead); a number beside a TCB's sequence number
     * counts from that space's ISN, as in seq= and ack= fields.
     */
    private Outcome compare(tcps.syntax.Condition.Compare c) {
        tcps.check.ValueType lt = numbering.type(c.left());
        tcps.check.ValueType rt = numbering.type(c.right());
        String left = text.text(c.left().span());
        String right = text.text(c.right().span());
        if (lt == tcps.check.ValueType.NUMBER && rt == tcps.check.ValueType.NUMBER) {
            long l = numbering.number(c.left());
            long r = numbering.number(c.right());
            return new Outcome(c.op().holds(Long.compare(l, r)), shown(left, Long.toString(l), c.left(), right,
                    Long.toString(r), c.right()));
        }
        Space space = spaceOf(lt == tcps.check.ValueType.SEQUENCE_NUMBER ? c.left() : c.right());
        SeqNum l = numbering.evaluate(c.left(), space);
        SeqNum r = numbering.evaluate(c.right(), space);
        String ls = space == null ? l.toString() : numbering.show(l, space);
        String rs = space == null ? r.toString() : numbering.show(r, space);
        return new Outcome(c.op().holds(Integer.signum(l.distanceFrom(r))), shown(left, ls, c.left(), right, rs,
                c.right()));
    }

    /** "client.snd_una is 13 (absolute ...)", and the other side's value too unless written as a number. */
    private static String shown(String left, String lv, tcps.syntax.Expr l, String right, String rv,
            tcps.syntax.Expr r) {
        String shown = (l.isLiteral() ? "" : left + " is " + lv);
        if (!r.isLiteral()) {
            shown += (shown.isEmpty() ? "" : " and ") + right + " is " + rv;
        }
        return shown.isEmpty() ? lv + " vs " + rv : shown;
    }

    /** The sequence space of the first TCB variable in {@code e}: snd_* and iss the endpoint's, rcv_nxt and irs its peer's. */
    private Space spaceOf(tcps.syntax.Expr e) {
        for (tcps.syntax.Expr n : Exprs.names(e)) {
            if (n instanceof tcps.syntax.Expr.Tcb t) {
                Actor a = actor(t.endpoint());
                Space own = new Space(a, peerOf(a));
                String v = t.variable().text();
                return v.equals("rcv_nxt") || v.equals("irs") ? own.reversed() : own;
            }
        }
        return null;
    }

    private void expectValue(Statement.ExpectValue e) {
        tcps.syntax.Condition.Compare c = e.comparison();
        net.settleInFlight(); // as for a state: what is on the wire arrives first
        Outcome o = compare(c);
        if (o.holds()) {
            passed++;
        } else {
            fail(c.span(), "expected " + text.text(c.span()) + ", but " + o.shown(), inFlightHint(c));
        }
    }

    /** Segments still on the wire towards the endpoints a check names: why a value may not be there yet. */
    private List<String> inFlightHint(tcps.syntax.Condition.Compare c) {
        List<String> hints = new ArrayList<>();
        for (tcps.syntax.Expr n : Exprs.names(c.left())) {
            if (n instanceof tcps.syntax.Expr.Tcb t) {
                inFlightTo(actor(t.endpoint())).ifPresent(hints::add);
                break;
            }
        }
        return hints;
    }

    /** "the SYN-ACK from server is still on the wire; `wait` or expect it first", if one is. */
    private Optional<String> inFlightTo(Actor a) {
        for (Captured c : net.capture()) {
            if (c.fate() == Captured.Fate.IN_FLIGHT && c.segment().dst().equals(a.address())) {
                return Optional.of("note: the " + TcpFlags.words(c.segment().flags()) + " from "
                        + nameOf(c.segment().src()) + " (segment " + (c.index() + 1) + ") is still on the wire; "
                        + "`wait` or expect it first");
            }
        }
        return Optional.empty();
    }

    private void inCall(Runnable call) {
        inCall = true;
        try {
            call.run();
        } finally {
            inCall = false;
        }
    }

    private void call(Statement.Call c) {
        Actor.Stack a = stack(c.endpoint());
        long now = net.now();
        switch (c.kind()) {
            case BIND -> {
                if (a.bound || a.listener != null || a.connected != null) {
                    throw new ScriptError(c.span(), a.plan().name() + " is already bound to port " + a.address().port());
                }
                a.bound = true;
                returned(a, c.span(), "bind", Optional.empty());
            }
            case LISTEN -> {
                if (a.listener != null) {
                    throw new ScriptError(c.span(), a.plan().name() + " is already listening on port "
                            + a.address().port());
                }
                a.listener = a.host.listen(a.address().port(), a.config());
                if (a.accepts) {
                    // listen(2) without a backlog in the script: as many as Linux's somaxconn allows.
                    a.listener.queueForAccept(c.backlog() == null ? 4096 : (int) Exprs.constant(c.backlog()));
                }
                returned(a, c.span(), "listen", Optional.empty());
            }
            case ACCEPT -> accept(a, c);
            case CONNECT -> {
                TcpAddress remote = peerOf(a).address();
                Optional<TcpError> refused = a.host.connectError(a.address().port(), remote, a.config());
                if (refused.isPresent()) {
                    returned(a, c.span(), "connect", refused);
                } else {
                    returned(a, c.span(), "connect", Optional.empty());
                    a.connected = a.host.connect(a.address().port(), remote, a.config(), now);
                }
            }
            case CLOSE -> {
                Optional<Connection> conn = a.connection();
                if (conn.isPresent()) {
                    returned(a, c.span(), "close", conn.get().close(now));
                } else if (a.listener != null) {
                    a.listener.close();
                    returned(a, c.span(), "close", Optional.empty());
                } else {
                    throw new ScriptError(c.span(), a.plan().name() + " has nothing to close: no connection, "
                            + "not listening");
                }
            }
            case SHUTDOWN -> returned(a, c.span(), "shutdown", connection(c.endpoint(), "shut down").shutdown(now));
            case SHUTDOWN_READ -> returned(a, c.span(), "shutdown read",
                    connection(c.endpoint(), "shut down").shutdownRead(now));
            case SHUTDOWN_BOTH -> {
                Connection conn = connection(c.endpoint(), "shut down");
                Optional<TcpError> read = conn.shutdownRead(now);
                returned(a, c.span(), "shutdown both", read.isPresent() ? read : conn.shutdown(now));
            }
            case ABORT -> returned(a, c.span(), "abort", connection(c.endpoint(), "abort").abort(now));
        }
        net.flush();
    }

    /**
     * accept(2): the oldest connection waiting in the listener's queue becomes the one the
     * endpoint's calls act on. Like a blocking accept, it waits (at most 3 virtual minutes) for a
     * handshake to complete.
     */
    private void accept(Actor.Stack a, Statement.Call c) {
        if (a.listener == null) {
            throw new ScriptError(c.span(), "cannot accept on " + a.plan().name() + ": it is not listening");
        }
        Optional<Connection>[] got = new Optional[] {Optional.empty()};
        net.settleInFlight();
        boolean ready = runUntil(() -> (got[0] = a.listener.accept()).isPresent());
        if (!ready) {
            fail(c.span(), a.plan().name() + " accepted nothing: no connection was established within "
                    + Duration.format(Defaults.EXPECT_LIMIT), List.of());
            return;
        }
        a.connected = got[0].get();
        returned(a, c.span(), "accept", Optional.empty());
    }

    /**
     * setsockopt(2): SO_RCVBUF and TCP_MAXSEG shape the SYN, so they are kept for the next listen
     * or connect; the others act on the endpoint's connection when it has one, and are kept for
     * the next one too.
     */
    private void setSockOpt(Statement.SetSockOpt o) {
        Actor.Stack a = stack(o.endpoint());
        SocketOption option = SocketOption.named(o.option().text());
        Long number = o.number() == null ? null : Exprs.constant(o.number());
        String word = o.word() == null ? null : o.word().text();
        Optional<Connection> conn = a.connection();
        boolean opened = conn.isPresent() || a.listener != null;
        if (option.beforeOpen() && opened) {
            throw new ScriptError(o.option().span(), option + " shapes the SYN: tcps applies it only before "
                    + a.plan().name() + " listens or connects");
        }
        a.options = option.apply(a.options, number, o.time(), word);
        conn.ifPresent(c -> c.setOptions(option.apply(c.options(), number, o.time(), word), net.now()));
        returned(a, o.span(), "setsockopt " + option, Optional.empty());
        net.flush();
    }

    private void write(Statement.Write w) {
        Connection c = connection(w.endpoint(), "write to");
        SendData data = w.data() != null ? SendData.of(w.data().bytes())
                : SendData.repeating(FILLER, inRange(w.count(), numbering.number(w.count()), "a byte count", 1,
                        Checker.MAX_WRITE));
        if (data.length() > options.limits().bytesWritten() - bytesWritten) {
            throw new LimitReached(w.span(), options.limits().bytesWrittenReached());
        }
        bytesWritten += data.length();
        returned(stack(w.endpoint()), w.span(), "write", c.send(data, net.now()), data.length() + " bytes");
        net.flush();
    }

    /**
     * {@code write N}: N bytes of lowercase letters, so payloads stay readable in a hex dump;
     * the application writes them as a stream, never holding all N.
     */
    private static final byte[] FILLER = "abcdefghijklmnopqrstuvwxyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Connection connection(Name endpoint, String verb) {
        Actor.Stack a = stack(endpoint);
        return a.connection().orElseThrow(() -> new ScriptError(endpoint.span(), "cannot " + verb + " "
                + a.plan().name() + ": it has no connection yet"));
    }

    private void returned(Actor.Stack a, Span at, String call, Optional<TcpError> error) {
        returned(a, at, call, error, "0");
    }

    /**
     * What a socket call returned: {@code success} ({@code 0}, {@code 13 bytes}), or an error, as a
     * real call's errno would be, left for {@code expect ENDPOINT error E} to check and not a
     * failure by itself.
     */
    private void returned(Actor.Stack a, Span at, String call, Optional<TcpError> error, String success) {
        error.ifPresent(e -> a.lastError = e);
        // Inside a macro's expansion, the call is where the script called the macro (as for failures).
        for (Statement.Expansion x : expansions) {
            at = x.span();
        }
        events.add(new RunEvent.SocketCall(net.now(), net.sent(), a.plan().name(), call, at,
                error.orElse(null), error.map(Enum::name).orElse(success)));
    }

    private void send(Statement.Send s) {
        Actor.Scripted a = (Actor.Scripted) actor(s.endpoint());
        Actor source = s.from() == null ? a : actor(s.from());
        Actor peer = s.to() != null ? actor(s.to()) : peerOf(source);
        Space own = new Space(source, peer);
        SegmentSpec spec = s.segment();
        int flags = plan.flags(spec.flags());
        ScriptedEndpoint p = a.puppet;
        Crafted c = new Crafted(p.sndNxt(), (flags & TcpFlags.ACK) != 0 && p.rcvNxt() != null ? p.rcvNxt()
                : SeqNum.of(0), p.window(), own);
        for (Field f : spec.fields()) {
            f.accept(c);
        }
        int optionBytes = c.options.stream().mapToInt(TcpOption::wireLength).sum();
        if (optionBytes > MAX_OPTION_BYTES) {
            Span at = spec.fields().stream().filter(f -> f instanceof Field.Options).map(Field::span).findFirst()
                    .orElse(spec.span());
            throw new ScriptError(at, "these options take " + optionBytes + " bytes; a TCP header has room "
                    + "for " + MAX_OPTION_BYTES);
        }
        int room = MAX_PAYLOAD - ((optionBytes + 3) & ~3);
        if (c.data.length > room) {
            // the payload is a "string" or `length N`
            Span at = spec.fields().stream().filter(f -> f instanceof Field.Data || f instanceof Field.Length)
                    .map(Field::span).findFirst().orElse(spec.span());
            throw new ScriptError(at, "a payload of " + c.data.length + " bytes does not fit in one segment: "
                    + "an IPv4 packet holds at most " + room + " bytes of payload with these options");
        }
        Segment segment = new Segment(source.address(), peer.address(), c.seq, c.ack, flags, c.window, c.urgent,
                c.options, c.data);
        if (source == a) {
            net.send(p, segment);
        } else {
            net.inject(segment);
        }
    }

    /**
     * A crafted segment's fields: the endpoint's bookkeeping values, overridden by each field the
     * script wrote.
     */
    private final class Crafted implements Field.Visitor<Void> {
        private final Space own;
        SeqNum seq;
        SeqNum ack;
        int window;
        int urgent;
        List<TcpOption> options = List.of();
        byte[] data = new byte[0];

        Crafted(SeqNum seq, SeqNum ack, int window, Space own) {
            this.seq = seq;
            this.ack = ack;
            this.window = window;
            this.own = own;
        }

        @Override
        public Void visitSeq(Field.Seq q) {
            seq = numbering.evaluate(q.start(), own);
            return null;
        }

        @Override
        public Void visitAck(Field.Ack k) {
            ack = numbering.evaluate(k.value(), own.reversed());
            return null;
        }

        @Override
        public Void visitWin(Field.Win w) {
            window = (int) inRange(w.value(), numbering.number(w.value()), "a window", 0, 0xffff);
            return null;
        }

        @Override
        public Void visitUrg(Field.Urg u) {
            urgent = (int) inRange(u.value(), numbering.number(u.value()), "an urgent pointer", 0, 0xffff);
            return null;
        }

        @Override
        public Void visitLength(Field.Length l) {
            // `send [P.] length 1000`: that many filler bytes, as packetdrill's 1:1001(1000).
            int n = (int) numbering.number(l.value());
            data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = FILLER[i % FILLER.length];
            }
            return null;
        }

        @Override
        public Void visitData(Field.Data d) {
            data = d.payload().bytes();
            return null;
        }

        @Override
        public Void visitOptions(Field.Options o) {
            options = options(o.items(), own.reversed());
            return null;
        }

        @Override
        public Void visitCompared(Field.Compared c) {
            return null; // the checker refuses it: a sent segment's fields are values
        }

        @Override
        public Void visitRange(Field.Range r) {
            return null; // the checker refuses it: a sent segment's fields are values
        }

        @Override
        public Void visitError(Field.Error e) {
            throw new IllegalStateException("a broken field never runs: the checker refused its file, at " + e.span());
        }
    }

    /** Options to send; SACK edges are in the space the segment acknowledges. */
    private List<TcpOption> options(List<OptionItem> items, Space acked) {
        OptionItem.Visitor<TcpOption> wire = new OptionItem.Visitor<>() {
            @Override
            public TcpOption visitSack(OptionItem.Sack sack) {
                List<TcpOption.SackBlock> blocks = new ArrayList<>();
                for (OptionItem.Block b : sack.blocks()) {
                    blocks.add(new TcpOption.SackBlock(numbering.evaluate(b.left(), acked),
                            numbering.evaluate(b.right(), acked)));
                }
                return new TcpOption.Sack(blocks);
            }

            @Override
            public TcpOption visitMss(OptionItem.Mss m) {
                return new TcpOption.Mss((int) Exprs.constant(m.value()));
            }

            @Override
            public TcpOption visitWindowScale(OptionItem.WindowScale w) {
                return new TcpOption.WindowScale((int) Exprs.constant(w.shift()));
            }

            @Override
            public TcpOption visitSackPermitted(OptionItem.SackPermitted o) {
                return TcpOption.SACK_PERMITTED;
            }

            @Override
            public TcpOption visitTimestamps(OptionItem.Timestamps t) {
                return new TcpOption.Timestamps(Exprs.constant(t.val()) & 0xffffffffL,
                        Exprs.constant(t.ecr()) & 0xffffffffL);
            }

            @Override
            public TcpOption visitNop(OptionItem.Nop o) {
                return TcpOption.NOP;
            }

            @Override
            public TcpOption visitEol(OptionItem.Eol o) {
                return TcpOption.EOL;
            }
        };
        return items.stream().map(item -> item.accept(wire)).toList();
    }

    // ---- faults -------------------------------------------------------------------------------

    private void fault(Statement.Fault f) {
        Predicate<Segment> filter = towards(f.direction());
        if (f.flags() != null) {
            int bits = plan.flags(f.flags());
            filter = filter.and(s -> s.flags() == bits);
        }
        if (f.ordinal() != null) {
            // `drop 3rd SYN`: let the first two matching segments pass, take the third.
            long which = Exprs.constant(f.ordinal());
            Predicate<Segment> matching = filter;
            long[] seen = {0};
            filter = s -> matching.test(s) && ++seen[0] == which;
        }
        int count = f.count() == null ? 1 : (int) Exprs.constant(f.count());
        Fault.Action action = switch (f.kind()) {
            case DROP -> new Fault.Action.Drop();
            case DELAY -> new Fault.Action.Delay(f.delay().micros());
            case DUPLICATE -> new Fault.Action.Duplicate();
            case CORRUPT -> new Fault.Action.Corrupt();
            case REORDER -> new Fault.Action.Reorder();
        };
        if (f.kind() == Statement.FaultKind.REORDER) {
            // `reorder next N` holds back N - 1 segments; the Nth overtakes them all.
            count = (f.count() == null ? 2 : count) - 1;
        }
        String written = statementText(f.span());
        Fault fault = new Fault(filter, action, count, "`" + written + "` at line " + f.span().line());
        armed.add(new Armed(fault, f, written, text.name() + ":" + f.span(), net.capture().size()));
        net.arm(fault);
    }

    /** A fault as armed: the statement, its text and place, and how many segments had been sent then. */
    private record Armed(Fault fault, Statement.Fault statement, String written, String at, int from) {}

    /**
     * A warning for every fault whose filter never matched a segment: the scenario did not test
     * what it meant to. When a segment with more flags went by (a FIN sent as [F.]), says so.
     */
    private void warnAboutIdleFaults() {
        for (Armed a : armed) {
            if (a.fault().taken() > 0) {
                continue;
            }
            String why = "no segment matched its filter";
            if (a.statement().flags() != null) {
                int bits = plan.flags(a.statement().flags());
                for (Captured c : net.capture().subList(a.from(), net.capture().size())) {
                    int got = c.segment().flags();
                    if (got != bits && (got & bits) == bits) {
                        why = "flags match exactly, and the " + TcpFlags.words(bits) + " went out as ["
                                + TcpFlags.tcpdump(got) + "] (segment " + (c.index() + 1) + "); write "
                                + TcpFlags.words(got) + " or [" + TcpFlags.tcpdump(got) + "]";
                        break;
                    }
                }
            }
            events.add(new RunEvent.Warning(net.now(), net.capture().size(), a.at(), "`" + a.written()
                    + "` never took a segment: " + why));
        }
    }

    /** A statement as written, from its first word to the end of it (a `;`, a comment or the line's end). */
    private String statementText(Span start) {
        String rest = text.line(start.line()).substring(start.column() - 1);
        int end = rest.length();
        for (String stop : new String[] {";", "#", "//"}) {
            int i = rest.indexOf(stop);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        String text = rest.substring(0, end).trim();
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private Predicate<Segment> towards(Direction d) {
        if (d == null) {
            return s -> true;
        }
        TcpAddress from = actor(d.from()).address();
        TcpAddress to = actor(d.to()).address();
        return s -> s.src().equals(from) && s.dst().equals(to);
    }

    // ---- time ---------------------------------------------------------------------------------

    /** Runs the simulation until {@code done} holds, at most 3 virtual minutes; false if it never did. */
    private boolean runUntil(BooleanSupplier done) {
        long deadline = Network.later(net.now(), Defaults.EXPECT_LIMIT);
        while (!done.getAsBoolean()) {
            if (!net.step(deadline)) {
                return false;
            }
        }
        return true;
    }

    private void waitUntil(Statement.WaitUntil w) {
        Actor.Stack a = stack(w.endpoint());
        TcpState want = plan.state(w.state());
        net.settleInFlight();
        if (!runUntil(() -> a.state() == want)) {
            fail(w.state().span(), a.plan().name() + " did not reach " + want + " within "
                    + Duration.format(Defaults.EXPECT_LIMIT) + "; it is in " + a.state(), List.of());
        }
    }

    // ---- expectations -------------------------------------------------------------------------

    private void expectSegment(Statement.ExpectSegment e) {
        Captured[] found = {null};
        boolean appeared = e.eventually()
                ? runUntil(() -> (found[0] = nextMatching(e)) != null)
                : runUntil(() -> (found[0] = nextUnmatched(e.direction())) != null);
        if (!appeared) {
            noSegment(e);
            return;
        }
        Captured c = found[0];
        if (e.eventually()) {
            skipBefore(e.direction(), c);
        }
        matched.set(c.index());
        watcher.matched(text, e.span(), c.index());
        if (e.binding() != null) {
            bindings.bind(e.binding().text(), c);
        }
        Segment seg = c.segment();
        Actor sender = actorAt(seg.src());
        Actor receiver = actorAt(seg.dst());
        List<SegmentMatch.Difference> diffs = new ArrayList<>();
        if (sender != null && receiver != null) {
            diffs.addAll(match.compare(e.segment(), seg, new Space(sender, receiver)));
        }
        if (e.timing() != null) {
            timing(e.timing(), c).ifPresent(diffs::add);
        }
        lastMatchedTime = c.time();
        lastMatchedTo.put(seg.src() + ">" + seg.dst(), c.time());
        if (diffs.isEmpty()) {
            passed++;
        } else {
            List<String> fields = diffs.stream().map(SegmentMatch.Difference::field).distinct().toList();
            String who = sender == null || receiver == null ? seg.src() + " > " + seg.dst()
                    : sender.plan().name() + " > " + receiver.plan().name();
            fail(diffs.get(0).span(), "segment " + (c.index() + 1) + " (" + who + " [" + TcpFlags.tcpdump(seg.flags())
                    + "]) differs in " + String.join(", ", fields),
                    diffs.stream().map(SegmentMatch.Difference::text).toList(), c.index());
        }
        net.settle(c);
    }

    /**
     * {@code after D}: D after the previous matched segment in the same direction was sent (the
     * previous one either way when none went this way yet), or after the segment {@code since}
     * names; {@code at +D}: D after the start; {@code within D}: at most D after. A tolerance
     * ({@code ± 5ms}) allows that much either way.
     */
    private Optional<SegmentMatch.Difference> timing(Statement.Timing t, Captured c) {
        long since;
        String from;
        if (t.kind() == Statement.TimingKind.AT) {
            since = 0;
            from = "the start";
        } else if (t.since() != null) {
            since = bindings.time(t.since());
            from = "`" + t.since().text() + "`";
        } else {
            Long same = lastMatchedTo.get(c.segment().src() + ">" + c.segment().dst());
            since = same != null ? same : lastMatchedTime;
            from = same != null ? "the previous matched segment this way"
                    : "the previous matched segment (the other way: none went this way before; `since NAME` "
                            + "counts from a segment named with `as`)";
        }
        long got = c.time() - since;
        long want = t.duration().micros();
        long tolerance = t.tolerance() == null ? 0 : t.tolerance().micros();
        boolean ok = t.kind() == Statement.TimingKind.WITHIN ? got >= 0 && got <= want
                : Math.abs(got - want) <= tolerance;
        if (ok) {
            return Optional.empty();
        }
        String expected = (t.kind() == Statement.TimingKind.WITHIN ? "within " : "") + t.duration()
                + (t.tolerance() == null ? "" : " ± " + t.tolerance());
        return Optional.of(new SegmentMatch.Difference(t.span(), "time", "time: expected " + expected
                + (t.kind() == Statement.TimingKind.WITHIN ? " of " : " after ") + from + ", got "
                + Text.duration(got) + " (sent at " + Text.clock(c.time()) + ")"));
    }

    /**
     * {@code expect eventually}: the first segment not matched yet, going that way, that fits the
     * pattern; the ones it passes (that way) stay unmatched (listed at the end, or failures with
     * {@code unmatched segments fail}), and later expects pass over them too.
     */
    private void skipBefore(Direction d, Captured found) {
        Way way = d == null ? Way.ANY : new Way(actor(d.from()).address(), actor(d.to()).address());
        List<Captured> capture = net.capture();
        for (int i = cursors.get(way)[0]; i < found.index(); i++) {
            Captured c = capture.get(i);
            if (!c.scripted() && !matched.get(i) && way.takes(c.segment())) {
                skipped.set(i);
            }
        }
    }

    private Captured nextMatching(Statement.ExpectSegment e) {
        nextUnmatched(e.direction()); // moves the way's cursor past what can never match again
        Way way = e.direction() == null ? Way.ANY : new Way(actor(e.direction().from()).address(),
                actor(e.direction().to()).address());
        List<Captured> capture = net.capture();
        for (int i = cursors.get(way)[0]; i < capture.size(); i++) {
            Captured c = capture.get(i);
            if (c.scripted() || matched.get(i) || skipped.get(i) || !way.takes(c.segment())) {
                continue;
            }
            Actor sender = actorAt(c.segment().src());
            Actor receiver = actorAt(c.segment().dst());
            if (sender != null && receiver != null
                    && match.compare(e.segment(), c.segment(), new Space(sender, receiver)).isEmpty()) {
                return c;
            }
        }
        return null;
    }

    /**
     * The first captured segment, not the script's own and not matched yet, going the way
     * {@code d} names (any way when null). Each way keeps a cursor before which every segment is
     * matched, the script's own, or going another way: none of that changes later, so each
     * segment is looked at once per way however many expects and steps there are.
     */
    private Captured nextUnmatched(Direction d) {
        Way way = d == null ? Way.ANY : new Way(actor(d.from()).address(), actor(d.to()).address());
        int[] cursor = cursors.computeIfAbsent(way, w -> new int[1]);
        List<Captured> capture = net.capture();
        while (cursor[0] < capture.size()) {
            Captured c = capture.get(cursor[0]);
            if (!c.scripted() && !matched.get(c.index()) && !skipped.get(c.index()) && way.takes(c.segment())) {
                return c;
            }
            cursor[0]++;
        }
        return null;
    }

    /** Which way an expect looks: from one address to another, or any way ({@link #ANY}). */
    private record Way(TcpAddress from, TcpAddress to) {
        static final Way ANY = new Way(null, null);

        boolean takes(Segment s) {
            return from == null || s.src().equals(from) && s.dst().equals(to);
        }

        // equals and hashCode written out (the same values a record's own give): a record's are
        // linked through invokedynamic on first use, a visible cost in a run that lasts milliseconds.
        @Override
        public boolean equals(Object o) {
            return o instanceof Way w && java.util.Objects.equals(from, w.from) && java.util.Objects.equals(to, w.to);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(from) * 31 + java.util.Objects.hashCode(to);
        }
    }

    private void noSegment(Statement.ExpectSegment e) {
        String what = (e.eventually() ? "eventually " : "") + (e.direction() == null ? "" : e.direction() + " ")
                + text.text(e.segment().span());
        boolean idle = net.nextEventTime() == Long.MAX_VALUE;
        String why = idle ? "nothing more was sent: no segment in flight and no timer pending"
                : "none was sent within " + Duration.format(Defaults.EXPECT_LIMIT);
        List<String> details = new ArrayList<>();
        if (e.direction() != null && actor(e.direction().from()) instanceof Actor.Scripted) {
            details.add("note: " + e.direction().from() + " is scripted; the segments it sends are the script's own "
                    + "and are not expected");
        }
        if (e.eventually() && e.segment().flags() != null) {
            moreFlags(e).ifPresent(details::add);
        }
        Span at = e.direction() != null ? e.direction().span() : e.segment().span();
        fail(at, "expected " + what + ", but " + why, details);
    }

    /**
     * For an {@code expect eventually} that found nothing: a segment it passed whose flags hold the
     * pattern's and more (the ACK of a SYN-ACK, a FIN sent as [F.]), since flags match exactly.
     */
    private Optional<String> moreFlags(Statement.ExpectSegment e) {
        int bits = plan.flags(e.segment().flags());
        Way way = e.direction() == null ? Way.ANY : new Way(actor(e.direction().from()).address(),
                actor(e.direction().to()).address());
        for (Captured c : net.capture()) {
            int got = c.segment().flags();
            if (!c.scripted() && !matched.get(c.index()) && way.takes(c.segment()) && got != bits
                    && (got & bits) == bits) {
                return Optional.of("note: flags match exactly, and segment " + (c.index() + 1) + " went by as ["
                        + TcpFlags.tcpdump(got) + "]; to expect it, write " + TcpFlags.words(got) + " or ["
                        + TcpFlags.tcpdump(got) + "]");
            }
        }
        return Optional.empty();
    }

    private void expectState(Statement.ExpectState e) {
        net.settleInFlight();
        Actor.Stack a = stack(e.endpoint());
        TcpState want = plan.state(e.state());
        TcpState got = a.state();
        if (got == want) {
            passed++;
        } else {
            fail(e.state().span(), a.plan().name() + " is in " + got + ", expected " + want,
                    inFlightTo(a).map(List::of).orElse(List.of()));
        }
    }

    /**
     * {@code expect ENDPOINT read ...}: the application reads, as a blocking read(2) would: after
     * every segment already on the wire has arrived, whatever it has received since the last
     * read (with {@code stops reading}, what waits in the socket), else end of file or the
     * pending error; if there is nothing yet, it waits (at most 3 virtual minutes).
     */
    private void expectRead(Statement.ExpectRead e) {
        Actor.Stack a = stack(e.endpoint());
        Connection c = connection(e.endpoint(), "read from");
        net.settleInFlight();
        ReadResult[] r = {readNow(a, c)};
        if (r[0] instanceof ReadResult.WouldBlock) {
            runUntil(() -> !((r[0] = readNow(a, c)) instanceof ReadResult.WouldBlock));
        }
        net.flush();
        String got;
        byte[] bytes = null;
        if (r[0] instanceof ReadResult.Data) {
            Actor.Reads reads = a.reads(c);
            got = reads.count() + " bytes";
            bytes = reads.complete() ? reads.bytes() : null;
            returned(a, e.span(), "read", Optional.empty(), got);
            if (e.count() != null && numbering.number(e.count()) == reads.count()
                    || e.data() != null && bytes != null && java.util.Arrays.equals(bytes, e.data().bytes())) {
                passed++;
                reads.clear();
                return;
            }
            reads.clear();
        } else if (r[0] instanceof ReadResult.Failed f) {
            got = "error " + f.error();
            returned(a, e.span(), "read", Optional.of(f.error()));
            if (e.error() != null && e.error().text().equals(f.error().name())) {
                passed++;
                return;
            }
        } else if (r[0] instanceof ReadResult.EndOfFile) {
            got = "0 (end of file)";
            returned(a, e.span(), "read", Optional.empty(), "0");
            if (e.count() != null && numbering.number(e.count()) == 0) {
                passed++;
                return;
            }
        } else {
            fail(e.span(), "expected " + a.plan().name() + "'s read to return " + wanted(e) + ", but it is still waiting "
                    + "after " + Duration.format(Defaults.EXPECT_LIMIT) + ": nothing arrived (" + a.plan().name()
                    + " is in " + a.state() + ")", List.of());
            return;
        }
        List<String> details = new ArrayList<>();
        if (bytes != null && e.data() != null) {
            details.add("read: " + Text.quote(bytes));
        }
        fail(e.span(), "expected " + a.plan().name() + "'s read to return " + wanted(e) + ", but it returned " + got,
                details);
    }

    /** One read, as the application makes it: what it has already taken in, else the socket's answer. */
    private ReadResult readNow(Actor.Stack a, Connection c) {
        ReadResult r = c.read(Integer.MAX_VALUE, net.now());
        if (r instanceof ReadResult.Data d) {
            a.reads(c).add(d.bytes());
        }
        return a.reads(c).count() > 0 ? new ReadResult.Data(new byte[0]) : r;
    }

    private String wanted(Statement.ExpectRead e) {
        if (e.error() != null) {
            return "error " + e.error().text();
        }
        if (e.data() != null) {
            return Text.quote(e.data().bytes());
        }
        long n = numbering.number(e.count());
        return n == 0 ? "0 (end of file)" : n + " bytes";
    }

    /** {@code expect ENDPOINT readable N}: what waits unread in the socket (FIONREAD) once the wire is quiet. */
    private void expectReadable(Statement.ExpectReadable e) {
        Actor.Stack a = stack(e.endpoint());
        Connection c = connection(e.endpoint(), "look into");
        net.settleInFlight();
        long want = numbering.number(e.count());
        if (c.unread() == want) {
            passed++;
        } else {
            fail(e.count().span(), a.plan().name() + " has " + c.unread() + " bytes waiting to be read, expected "
                    + want, List.of());
        }
    }

    /** Runs until the endpoint has an error (at most 3 virtual minutes), then compares. */
    private void expectError(Statement.ExpectError e) {
        Actor.Stack a = stack(e.endpoint());
        TcpError want = TcpError.valueOf(e.error().text());
        net.settleInFlight();
        runUntil(() -> a.errors().contains(want) || !a.errors().isEmpty() && a.state() == TcpState.CLOSED);
        List<TcpError> got = a.errors();
        if (got.contains(want)) {
            passed++;
            return;
        }
        String actual = got.isEmpty() ? "has no error after " + Duration.format(Defaults.EXPECT_LIMIT) + " (it is in "
                + a.state() + ")" : "saw " + String.join(" and ", got.stream().map(Enum::name).toList());
        fail(e.error().span(), "expected " + a.plan().name() + " to see " + want + " (" + want.text() + "), but it "
                + actual, List.of());
    }

    /**
     * {@code expect nothing for D}: no segment is sent in the next D. {@code expect nothing more}:
     * every segment sent so far was expected, and nothing more is sent (within 3 minutes).
     */
    private void expectNothing(Statement.ExpectNothing e) {
        List<Captured> unexpected = new ArrayList<>();
        if (e.duration() == null) {
            // Nothing before the any-way cursor is unmatched: start there.
            nextUnmatched(null);
            List<Captured> capture = net.capture();
            for (int i = cursors.get(Way.ANY)[0]; i < capture.size(); i++) {
                Captured c = capture.get(i);
                if (!c.scripted() && !matched.get(i)) {
                    unexpected.add(c);
                }
            }
        }
        int before = net.capture().size();
        long span = e.duration() == null ? Defaults.EXPECT_LIMIT : e.duration().micros();
        long end = Network.later(net.now(), span);
        while (net.step(end)) {
            // every event in the window happens; what it sends is looked at below
        }
        if (e.duration() != null) {
            net.runUntil(end);
        }
        for (Captured c : net.capture().subList(before, net.capture().size())) {
            if (!c.scripted()) {
                unexpected.add(c);
            }
        }
        if (unexpected.isEmpty()) {
            passed++;
            return;
        }
        unexpected.forEach(c -> matched.set(c.index()));
        List<String> details = unexpected.stream().map(c -> "segment " + (c.index() + 1) + " at "
                + Text.clock(c.time()) + ": " + TcpFlags.words(c.segment().flags()) + " from "
                + nameOf(c.segment().src())).toList();
        String summary = e.duration() == null ? "expected nothing more, but " + unexpected.size()
                + (unexpected.size() == 1 ? " segment was" : " segments were") + " sent and not expected"
                : "expected nothing for " + e.duration() + ", but " + unexpected.size()
                        + (unexpected.size() == 1 ? " segment was" : " segments were") + " sent";
        fail(e.span(), summary, details);
    }

    private String nameOf(TcpAddress address) {
        Actor a = actorAt(address);
        return a == null ? address.toString() : a.plan().name();
    }

    /**
     * {@code value}, the value {@code e} had, if it is within {@code [min, max]}: the checker
     * checks values written as numbers; this checks the ones computed as the scenario runs.
     */
    private long inRange(Expr e, long value, String what, long min, long max) {
        if (value < min || value > max) {
            String shown = e.isLiteral() ? "" : "`" + source.text(e.span()) + "` is " + value + ", but ";
            throw new ScriptError(e.span(), shown + what + " must be between " + min + " and " + max
                    + (shown.isEmpty() ? ", not " + value : ""));
        }
        return value;
    }

    private void fail(Span span, String summary, List<String> details) {
        fail(span, summary, details, -1);
    }

    /**
     * A failure about captured segment {@code segment} (its index), printed right under it. Inside
     * a macro's expansion, the caret goes to the call in the script, and the details say which
     * line of the macro failed.
     */
    private void fail(Span span, String summary, List<String> details, int segment) {
        if (!expansions.isEmpty()) {
            List<String> more = new ArrayList<>(details);
            Span inner = span;
            for (Statement.Expansion x : expansions) {
                more.add("in `" + x.call() + "`, " + x.source().name() + ":" + x.source().toOrigin(inner) + ": "
                        + x.source().origin().line(inner.line()).trim());
                inner = x.span();
            }
            span = inner;
            details = more;
        }
        failures.add(new Failure(span, summary, details, net.now(), segment));
        failureBytes += 128 + 2L * summary.length();
        for (String d : details) {
            failureBytes += 48 + 2L * d.length();
        }
    }

    /** About how many bytes of memory one recorded event holds (a TCB snapshot more, a state change less). */
    private static final long EVENT_BYTES = 144;

    /** The failures' bytes, counted as they are recorded. */
    private long failureBytes;

    /**
     * About how many bytes of memory this run keeps outside the network: the events and failures
     * recorded, the bytes the applications read (kept for `expect read`), the bindings, and the
     * marks on the capture. The network counts its own (docs/limits.md, "Memory").
     */
    private long keptBytes() {
        long n = EVENT_BYTES * events.size() + failureBytes + bindings.keptBytes()
                + (matched.size() + skipped.size()) / 8;
        for (Actor a : actors.values()) {
            if (a instanceof Actor.Stack s) {
                n += s.keptBytes();
            }
        }
        return n;
    }
}
