package tcps.run;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tcps.check.Defaults;
import tcps.check.EndpointPlan;
import tcps.check.Exprs;
import tcps.check.Mode;
import tcps.check.ScenarioPlan;
import tcps.sim.Captured;
import tcps.sim.Network;
import tcps.sim.ScriptedEndpoint;
import tcps.syntax.Direction;
import tcps.syntax.Duration;
import tcps.syntax.Field;
import tcps.syntax.Name;
import tcps.syntax.OptionItem;
import tcps.syntax.SegmentSpec;
import tcps.syntax.Source;
import tcps.syntax.Span;
import tcps.syntax.Statement;
import tcps.tcp.Connection;
import tcps.tcp.IsnGenerator;
import tcps.tcp.Rfc6528Isn;
import tcps.tcp.Segment;
import tcps.tcp.SeqNum;
import tcps.tcp.SocketConfig;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpError;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpHost;
import tcps.tcp.TcpObserver;
import tcps.tcp.TcpOption;
import tcps.tcp.TcpState;

/**
 * Runs one checked scenario: builds its network, then walks its statements in order. Actions
 * happen at the current instant; {@code expect} and {@code wait} move the virtual clock
 * (docs/language.md, "Time and the order of things").
 */
final class ScenarioRun {
    private static final int FIRST_EPHEMERAL = 32768;
    private static final int EPHEMERAL_COUNT = 60999 - 32768 + 1;
    private static final int SCRIPTED_WINDOW = 65535;

    private final ScenarioPlan plan;
    private final Source source;
    private final RunOptions options;
    private final Network net;
    private final Map<String, Actor> actors = new LinkedHashMap<>();
    private final Numbering numbering;
    private final SegmentMatch match;
    private final BitSet matched = new BitSet();
    private final List<Failure> failures = new ArrayList<>();
    private int passed;

    ScenarioRun(ScenarioPlan plan, Source source, RunOptions options) {
        this.plan = plan;
        this.source = source;
        this.options = options;
        this.net = new Network(plan.linkDelay());
        this.numbering = new Numbering(plan.absoluteNumbers(), actors, source);
        this.match = new SegmentMatch(plan, numbering);
    }

    ScenarioResult run() {
        setUp();
        boolean stopped = false;
        for (Statement st : plan.scenario().statements()) {
            if (options.failFast() && !failures.isEmpty()) {
                stopped = true;
                break;
            }
            try {
                execute(st);
            } catch (ScriptError e) {
                fail(e.span, e.getMessage(), List.of(), net.capture().size());
            }
        }
        List<Captured> unmatched = net.capture().stream()
                .filter(c -> !c.scripted() && !matched.get(c.index())).toList();
        return new ScenarioResult(plan.scenario().name(), net.capture(), failures, passed, unmatched, stopped,
                net.now());
    }

    // ---- the network and its endpoints --------------------------------------------------------

    private void setUp() {
        IsnGenerator isns = new Rfc6528Isn(Seeds.derive(options.seed(), "isn-key"));
        EndpointPlan client = plan.endpoint("client");
        EndpointPlan server = plan.endpoint("server");
        TcpAddress clientAddress = new TcpAddress(client.ip(), client.port() != 0 ? client.port() : ephemeralPort());
        TcpAddress serverAddress = new TcpAddress(server.ip(), server.port());
        add(client, clientAddress, serverAddress, isns);
        add(server, serverAddress, clientAddress, isns);
        if (plan.serverListensFromStart()) {
            Actor.Stack s = (Actor.Stack) actors.get("server");
            s.listener = s.host.listen(s.address().port(), s.config);
        }
    }

    private int ephemeralPort() {
        return FIRST_EPHEMERAL + (int) Math.floorMod(Seeds.derive(options.seed(), "client-port"), EPHEMERAL_COUNT);
    }

    private void add(EndpointPlan p, TcpAddress address, TcpAddress peer, IsnGenerator isns) {
        SeqNum fixedIsn = p.isn() == null ? null : SeqNum.of(Exprs.eval(p.isn(), Exprs.NO_ISN));
        if (p.mode() == Mode.SCRIPTED) {
            SeqNum isn = fixedIsn != null ? fixedIsn : isns.next(address, peer, net.now());
            ScriptedEndpoint puppet = new ScriptedEndpoint(address, isn, SCRIPTED_WINDOW);
            net.addScripted(puppet);
            actors.put(p.name(), new Actor.Scripted(p, puppet));
            return;
        }
        // Linux derives the timestamp offset from the address pair, so on loopback both ends agree.
        long tsOffset = p.ts() != null ? Exprs.eval(p.ts(), Exprs.NO_ISN)
                : Seeds.derive(options.seed(), "ts-offset", address.ip().bits(), peer.ip().bits()) & 0xffffffffL;
        TcpHost host = net.host(address.ip());
        if (host == null) {
            host = new TcpHost(address.ip(), p.profile(), isns, TcpObserver.NONE);
            net.addHost(host);
        }
        actors.put(p.name(), new Actor.Stack(p, address, host, new SocketConfig(p.profile(), fixedIsn, tsOffset)));
    }

    private Actor actor(Name name) {
        return actors.get(name.text());
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

    private void execute(Statement st) {
        if (st instanceof Statement.LinkDelay d) {
            net.setLinkDelay(d.delay().micros());
        } else if (st instanceof Statement.Call c) {
            call(c);
        } else if (st instanceof Statement.Write w) {
            write(w);
        } else if (st instanceof Statement.Read r) {
            Connection c = connection(r.endpoint(), "read from");
            c.receive(r.count() == null ? Integer.MAX_VALUE : (int) Exprs.eval(r.count(), Exprs.NO_ISN));
            net.flush();
        } else if (st instanceof Statement.Send s) {
            send(s);
        } else if (st instanceof Statement.Drop d) {
            drop(d);
        } else if (st instanceof Statement.Wait w) {
            net.runUntil(net.now() + w.duration().micros());
        } else if (st instanceof Statement.ExpectSegment e) {
            expectSegment(e);
        } else if (st instanceof Statement.ExpectState e) {
            expectState(e);
        }
        // Setup statements (stack, at, isn, ts, numbers, scripted) took effect in setUp().
    }

    private void call(Statement.Call c) {
        Actor.Stack a = (Actor.Stack) actor(c.endpoint());
        long now = net.now();
        switch (c.kind()) {
            case LISTEN -> {
                if (a.listener != null) {
                    throw new ScriptError(c.span(), a.plan().name() + " is already listening on port "
                            + a.address().port());
                }
                a.listener = a.host.listen(a.address().port(), a.config);
            }
            case CONNECT -> a.connected = a.host.connect(a.address().port(), peerOf(a).address(), a.config, now);
            case CLOSE -> {
                Optional<Connection> conn = a.connection();
                if (conn.isPresent()) {
                    check(c.span(), "close", conn.get().close(now));
                } else if (a.listener != null) {
                    a.listener.close();
                } else {
                    throw new ScriptError(c.span(), a.plan().name() + " has nothing to close: no connection, "
                            + "not listening");
                }
            }
            case SHUTDOWN -> check(c.span(), "shutdown", connection(c.endpoint(), "shut down").shutdown(now));
            case ABORT -> check(c.span(), "abort", connection(c.endpoint(), "abort").abort(now));
        }
        net.flush();
    }

    private void write(Statement.Write w) {
        Connection c = connection(w.endpoint(), "write to");
        byte[] data = w.data() != null ? w.data().bytes() : filler((int) Exprs.eval(w.count(), Exprs.NO_ISN));
        check(w.span(), "write", c.send(data, net.now()));
        net.flush();
    }

    /** {@code write N}: N bytes of lowercase letters, so payloads stay readable in a hex dump. */
    private static byte[] filler(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private Connection connection(Name endpoint, String verb) {
        Actor.Stack a = (Actor.Stack) actor(endpoint);
        return a.connection().orElseThrow(() -> new ScriptError(endpoint.span(), "cannot " + verb + " "
                + a.plan().name() + ": it has no connection yet"));
    }

    private static void check(Span at, String call, Optional<TcpError> error) {
        error.ifPresent(e -> {
            throw new ScriptError(at, call + " failed: " + e + " (" + e.text() + ")");
        });
    }

    private void send(Statement.Send s) {
        Actor.Scripted a = (Actor.Scripted) actor(s.endpoint());
        Actor peer = peerOf(a);
        Space own = new Space(a, peer);
        SegmentSpec spec = s.segment();
        int flags = plan.flags(spec.flags());
        ScriptedEndpoint p = a.puppet;
        SeqNum seq = p.sndNxt();
        SeqNum ack = (flags & TcpFlags.ACK) != 0 && p.rcvNxt() != null ? p.rcvNxt() : SeqNum.of(0);
        int window = p.window();
        int urgent = 0;
        List<TcpOption> opts = List.of();
        byte[] data = new byte[0];
        for (Field f : spec.fields()) {
            if (f instanceof Field.Seq q) {
                seq = numbering.evaluate(q.start(), own);
            } else if (f instanceof Field.Ack k) {
                ack = numbering.evaluate(k.value(), own.reversed());
            } else if (f instanceof Field.Win w) {
                window = (int) Exprs.eval(w.value(), Exprs.NO_ISN);
            } else if (f instanceof Field.Urg u) {
                urgent = (int) Exprs.eval(u.value(), Exprs.NO_ISN);
            } else if (f instanceof Field.Data d) {
                data = d.payload().bytes();
            } else if (f instanceof Field.Options o) {
                opts = options(o.items());
            }
        }
        net.send(p, p.craft(peer.address(), flags, seq, ack, window, urgent, opts, data));
    }

    private static List<TcpOption> options(List<OptionItem> items) {
        List<TcpOption> out = new ArrayList<>();
        for (OptionItem item : items) {
            if (item instanceof OptionItem.Mss m) {
                out.add(new TcpOption.Mss((int) Exprs.eval(m.value(), Exprs.NO_ISN)));
            } else if (item instanceof OptionItem.WindowScale w) {
                out.add(new TcpOption.WindowScale((int) Exprs.eval(w.shift(), Exprs.NO_ISN)));
            } else if (item instanceof OptionItem.SackPermitted) {
                out.add(TcpOption.SACK_PERMITTED);
            } else if (item instanceof OptionItem.Timestamps t) {
                out.add(new TcpOption.Timestamps(Exprs.eval(t.val(), Exprs.NO_ISN) & 0xffffffffL,
                        Exprs.eval(t.ecr(), Exprs.NO_ISN) & 0xffffffffL));
            } else if (item instanceof OptionItem.Nop) {
                out.add(TcpOption.NOP);
            } else {
                out.add(TcpOption.EOL);
            }
        }
        return out;
    }

    private void drop(Statement.Drop d) {
        int count = d.count() == null ? 1 : (int) Exprs.eval(d.count(), Exprs.NO_ISN);
        Predicate<Segment> filter = towards(d.direction());
        if (d.flags() != null) {
            int bits = plan.flags(d.flags());
            filter = filter.and(s -> s.flags() == bits);
        }
        net.dropNext(filter, count);
    }

    private Predicate<Segment> towards(Direction d) {
        if (d == null) {
            return s -> true;
        }
        TcpAddress from = actor(d.from()).address();
        TcpAddress to = actor(d.to()).address();
        return s -> s.src().equals(from) && s.dst().equals(to);
    }

    // ---- expectations -------------------------------------------------------------------------

    private void expectSegment(Statement.ExpectSegment e) {
        Predicate<Segment> direction = towards(e.direction());
        long deadline = net.now() + Defaults.EXPECT_LIMIT;
        Captured c;
        while ((c = nextUnmatched(direction)) == null) {
            if (!net.step(deadline)) {
                noSegment(e, deadline);
                return;
            }
        }
        matched.set(c.index());
        Segment seg = c.segment();
        Actor sender = actorAt(seg.src());
        Actor receiver = actorAt(seg.dst());
        List<SegmentMatch.Difference> diffs = sender == null || receiver == null
                ? List.of() : match.compare(e.segment(), seg, new Space(sender, receiver));
        if (diffs.isEmpty()) {
            passed++;
        } else {
            List<String> fields = diffs.stream().map(SegmentMatch.Difference::field).distinct().toList();
            String who = sender.plan().name() + " > " + receiver.plan().name();
            fail(diffs.get(0).span(), "segment " + (c.index() + 1) + " (" + who + " [" + TcpFlags.tcpdump(seg.flags())
                    + "]) differs in " + String.join(", ", fields),
                    diffs.stream().map(SegmentMatch.Difference::text).toList(), c.index() + 1);
        }
        net.settle(c);
    }

    private Captured nextUnmatched(Predicate<Segment> direction) {
        for (Captured c : net.capture()) {
            if (!c.scripted() && !matched.get(c.index()) && direction.test(c.segment())) {
                return c;
            }
        }
        return null;
    }

    private void noSegment(Statement.ExpectSegment e, long deadline) {
        String what = (e.direction() == null ? "" : e.direction() + " ") + source.text(e.segment().span());
        boolean idle = net.nextEventTime() == Long.MAX_VALUE;
        String why = idle ? "nothing more was sent: no segment in flight and no timer pending"
                : "none was sent within " + Duration.format(Defaults.EXPECT_LIMIT);
        List<String> details = new ArrayList<>();
        if (e.direction() != null && actor(e.direction().from()) instanceof Actor.Scripted) {
            details.add("note: " + e.direction().from() + " is scripted; the segments it sends are the script's own "
                    + "and are not expected");
        }
        Span at = e.direction() != null ? e.direction().span() : e.segment().span();
        fail(at, "expected " + what + ", but " + why, details, net.capture().size());
    }

    private void expectState(Statement.ExpectState e) {
        net.settleInFlight();
        Actor.Stack a = (Actor.Stack) actor(e.endpoint());
        TcpState want = plan.state(e.state());
        TcpState got = a.state();
        if (got == want) {
            passed++;
        } else {
            fail(e.state().span(), a.plan().name() + " is in " + got + ", expected " + want, List.of(),
                    net.capture().size());
        }
    }

    private void fail(Span span, String summary, List<String> details, int afterSegment) {
        failures.add(new Failure(span, summary, details, afterSegment));
    }
}
