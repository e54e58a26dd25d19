package tcps.check;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tcps.syntax.Comparison;
import tcps.syntax.Condition;
import tcps.syntax.Diagnostic;
import tcps.syntax.Direction;
import tcps.syntax.Expr;
import tcps.syntax.Field;
import tcps.syntax.Flags;
import tcps.syntax.Name;
import tcps.syntax.OptionItem;
import tcps.syntax.Scenario;
import tcps.syntax.Script;
import tcps.syntax.SegmentSpec;
import tcps.syntax.Source;
import tcps.syntax.Span;
import tcps.syntax.Statement;
import tcps.tcp.Ipv4;
import tcps.tcp.Profile;
import tcps.tcp.TcpState;

/**
 * The one pass between parsing and running: resolves endpoint names and modes, profiles, flags
 * and states, and checks that every expression is used where it means something. It reports
 * every problem it finds; nothing runs when it found any.
 */
public final class Checker {
    static final List<String> ENDPOINTS = List.of("client", "server");
    static final int DEFAULT_SERVER_PORT = 1234;
    /** The errors {@code expect client error E} can name. */
    /** Linux's somaxconn default: the largest backlog listen(2) takes. */
    private static final long MAX_BACKLOG = 4096;
    static final List<String> ERRORS = java.util.Arrays.stream(tcps.tcp.TcpError.values()).map(Enum::name).toList();
    /**
     * The largest {@code write N}: 1 TiB. The application writes a stream and TCP copies out one
     * segment at a time, so the size costs time, never memory.
     */
    public static final long MAX_WRITE = 1L << 40;
    /** The largest {@code read N}; a read returns at most what waits unread, which the receive buffer bounds. */
    public static final long MAX_READ = 16L * 1024 * 1024;
    /** An IPv4 packet is at most 65535 bytes, 40 of them the IPv4 and TCP headers without options. */
    private static final int MAX_PAYLOAD = 65535 - 20 - 20;

    /** The outcome: one plan per scenario when {@code errors} is empty. */
    public record Result(List<ScenarioPlan> plans, List<Diagnostic> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Script script;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final ProfileDefinitions fileProfiles;
    /** The stacks the scenario being checked can name: the file's, then its own. */
    private ProfileDefinitions profiles;
    /** The endpoints of the scenario being checked: client, server and its hosts. */
    private Map<String, EndpointFacts> endpoints;

    /** The text being checked: the script, or a macro's expansion inside it. */
    private Source current;
    /** Inside an expansion, which call it came from, added to every message; else "". */
    private String where = "";
    /** Inside a repeat or an expansion, where names may be given again (each round, each call). */
    private int blocks;

    /**
     * The errors of a tree built despite syntax or build errors ({@link tcps.grammar.ScriptParser.Result#partial}),
     * so that one run reports the mistakes of every line, and every mistake of a line. Only
     * mistakes of what is there are reported, never what follows from a broken part: a name that
     * a broken statement or definition mentions ({@code unsure}, and the words of each
     * {@link Statement.Broken}) is never reported as unknown, and nothing is said about the file
     * as a whole (that it has no statement, that two endpoints share a port).
     */
    public static List<Diagnostic> checkRest(Script partial, java.util.Set<String> unsure) {
        Checker c = new Checker(partial, true, unsure);
        for (Scenario s : partial.scenarios()) {
            c.scenario(s);
        }
        c.errors.sort(null);
        return List.copyOf(c.errors);
    }

    /** True for a tree built despite errors: conclusions about the whole file are not drawn. */
    private final boolean partial;
    /** Names mentioned by what did not parse: never reported as unknown. */
    private final java.util.Set<String> fileUnsure;
    /** ... and those of the broken statements of the scenario being checked, so far. */
    private java.util.Set<String> unsure = new java.util.HashSet<>();

    /** True when a broken statement or definition may have been meant to give this name. */
    private boolean isUnsure(String name) {
        return unsure.contains(name) || unsure.contains(Statement.Broken.ANY);
    }

    private Checker(Script script, boolean partial, java.util.Set<String> unsure) {
        this.partial = partial;
        this.fileUnsure = unsure;
        this.script = script;
        this.current = script.source();
        this.fileProfiles = ProfileDefinitions.of(script.profiles(), this::error);
    }

    public static Result check(Script script) {
        Checker c = new Checker(script, false, java.util.Set.of());
        List<ScenarioPlan> plans = new ArrayList<>();
        for (Scenario s : script.scenarios()) {
            plans.add(c.scenario(s));
        }
        if (script.scenarios().isEmpty() && c.errors.isEmpty()) {
            c.error(new Span(1, 1, 1), "nothing to run: this file only defines profiles; a scenario needs at least "
                    + "one statement, such as `client connect`");
        }
        c.errors.sort(null);
        return new Result(c.errors.isEmpty() ? plans : List.of(), List.copyOf(c.errors));
    }

    private void error(Span span, String message) {
        errors.add(new Diagnostic(current.origin(), current.toOrigin(span), message + where));
    }

    /** What one scenario says about one endpoint, gathered while walking it. */
    private static final class EndpointFacts {
        final String name;
        Span stackUse;
        String stackWord;
        Span scriptedUse;
        String scriptedWord;
        Statement.At at;
        Statement.Isn isn;
        Statement.Ts ts;
        Statement.Stack stack;
        Statement.Host host;
        boolean opens;
        boolean accepts;

        EndpointFacts(String name) {
            this.name = name;
        }
    }

    /**
     * Checks that need the whole scenario read first: whether an endpoint is scripted is known
     * only at its end (a `send` may come after an `expect client state`).
     */
    private final List<Runnable> atTheEnd = new ArrayList<>();

    private ScenarioPlan scenario(Scenario scenario) {
        Map<String, EndpointFacts> facts = new LinkedHashMap<>();
        ENDPOINTS.forEach(n -> facts.put(n, new EndpointFacts(n)));
        this.endpoints = facts;
        this.profiles = fileProfiles.with(scenario.profiles(), this::error);
        this.unsure = new java.util.HashSet<>(fileUnsure);
        ScenarioCheck check = new ScenarioCheck(facts);
        for (Statement st : scenario.statements()) {
            tcps.grammar.Cancelled.check();
            st.accept(check);
        }
        atTheEnd.forEach(Runnable::run);
        atTheEnd.clear();
        if (partial) {
            return null; // never run: the file-wide checks of plan() would follow from what is missing
        }
        return plan(scenario, facts, check.profile, check.numbers != null && check.numbers.absolute(), check.flagBits,
                check.states);
    }

    /** Checks one scenario's statements in order, gathering what they say about its endpoints. */
    private final class ScenarioCheck implements Statement.Visitor<Void> {
        final Map<String, EndpointFacts> facts;
        final Map<Flags, Integer> flagBits = new IdentityHashMap<>();
        final Map<Name, TcpState> states = new IdentityHashMap<>();
        final Map<String, Declared> names = new LinkedHashMap<>();
        Profile profile = profiles.byName("linux").orElseThrow(); // the default stack
        Statement.Stack scenarioStack;
        Statement.Numbers numbers;
        Span firstAction;

        ScenarioCheck(Map<String, EndpointFacts> facts) {
            this.facts = facts;
        }

        /** A setup statement: it describes the world the scenario starts in, so it comes first. */
        private void setup(Statement st) {
            if (firstAction != null) {
                error(st.span(), "setup statements come before the scenario starts acting; move this above line "
                        + firstAction.line());
            }
        }

        /** An action or an expectation: the scenario has started. */
        private void acting(Statement st) {
            if (firstAction == null) {
                firstAction = st.span();
            }
        }

        @Override
        public Void visitHost(Statement.Host h) {
            setup(h);
            String name = h.name().text();
            if (facts.containsKey(name)) {
                error(h.name().span(), ENDPOINTS.contains(name) ? "`" + name + "` always exists; a host needs "
                        + "another name" : "the host `" + name + "` is already declared");
            } else {
                EndpointFacts f = new EndpointFacts(name);
                f.host = h;
                facts.put(name, f);
            }
            if (h.address() != null && Ipv4.parse(h.address().text()).isEmpty()) {
                error(h.address().span(), "`" + h.address().text() + "` is not an IPv4 address");
            }
            return null;
        }

        @Override
        public Void visitStack(Statement.Stack s) {
            setup(s);
            Optional<Profile> p = profiles.byName(s.profile().text());
            if (p.isEmpty() && !isUnsure(s.profile().text())) {
                error(s.profile().span(), "unknown stack `" + s.profile().text() + "`; known stacks are "
                        + String.join(", ", profiles.names()));
            }
            if (s.endpoint() == null) {
                if (scenarioStack != null) {
                    error(s.span(), "the stack is already chosen at line " + scenarioStack.span().line());
                }
                scenarioStack = s;
                profile = p.orElse(profile);
            } else {
                EndpointFacts f = endpoint(facts, s.endpoint());
                if (f != null) {
                    once(f.stack, s, "`" + f.name + " stack`");
                    f.stack = s;
                    stackUse(f, s.span(), "stack");
                }
            }
            return null;
        }

        @Override
        public Void visitScripted(Statement.Scripted s) {
            setup(s);
            EndpointFacts f = endpoint(facts, s.endpoint());
            if (f != null) {
                scriptedUse(f, s.span(), "scripted");
            }
            return null;
        }

        @Override
        public Void visitNumbers(Statement.Numbers n) {
            setup(n);
            if (numbers != null) {
                error(n.span(), "the numbering is already chosen at line " + numbers.span().line());
            }
            numbers = n;
            return null;
        }

        @Override
        public Void visitAt(Statement.At a) {
            setup(a);
            EndpointFacts f = endpoint(facts, a.endpoint());
            if (f != null) {
                once(f.at, a, "the address of " + f.name);
                f.at = a;
            }
            if (a.address() != null && Ipv4.parse(a.address().text()).isEmpty()) {
                error(a.address().span(), "`" + a.address().text() + "` is not an IPv4 address");
            }
            return null;
        }

        @Override
        public Void visitIsn(Statement.Isn i) {
            setup(i);
            EndpointFacts f = endpoint(facts, i.endpoint());
            if (f != null) {
                once(f.isn, i, "the ISN of " + f.name);
                f.isn = i;
            }
            constant(i.value(), "an ISN", 0, 0xffffffffL);
            return null;
        }

        @Override
        public Void visitTs(Statement.Ts t) {
            setup(t);
            EndpointFacts f = endpoint(facts, t.endpoint());
            if (f != null) {
                once(f.ts, t, "the timestamp clock of " + f.name);
                f.ts = t;
            }
            constant(t.value(), "a timestamp", 0, 0xffffffffL);
            return null;
        }

        @Override
        public Void visitLinkDelay(Statement.LinkDelay st) {
            return null; // any value the grammar accepts is meaningful; it takes effect where it stands
        }

        @Override
        public Void visitLinkRtt(Statement.LinkRtt st) {
            return null; // any value the grammar accepts is meaningful; it takes effect where it stands
        }

        @Override
        public Void visitLoss(Statement.Loss st) {
            return null; // any value the grammar accepts is meaningful; it takes effect where it stands
        }

        @Override
        public Void visitCall(Statement.Call c) {
            acting(c);
            EndpointFacts f = endpoint(facts, c.endpoint());
            if (f != null) {
                stackUse(f, c.span(), c.kind().word());
                // A server that binds, listens or connects says itself when it listens.
                f.opens |= c.kind() == Statement.CallKind.LISTEN || c.kind() == Statement.CallKind.CONNECT
                        || c.kind() == Statement.CallKind.BIND;
                f.accepts |= c.kind() == Statement.CallKind.ACCEPT;
            }
            if (c.backlog() != null) {
                constant(c.backlog(), "a backlog", 0, MAX_BACKLOG);
            }
            return null;
        }

        @Override
        public Void visitSetSockOpt(Statement.SetSockOpt o) {
            acting(o);
            EndpointFacts f = endpoint(facts, o.endpoint());
            if (f != null) {
                stackUse(f, o.span(), "setsockopt");
            }
            SocketOption option = SocketOption.named(o.option().text());
            if (option == null) {
                error(o.option().span(), "unknown socket option `" + o.option().text() + "`; tcps knows "
                        + SocketOption.names());
                return null;
            }
            if (o.number() != null && Exprs.broken(o.number())) {
                return null; // a number that could not be read, reported where it was read
            }
            String problem = option.problemWith(o.number() == null ? null : Exprs.constant(o.number()), o.time(),
                    o.word() == null ? null : o.word().text());
            if (problem != null) {
                Span at = o.number() != null ? o.number().span() : o.time() != null ? o.time().span() : o.word().span();
                error(at, problem);
            }
            return null;
        }

        @Override
        public Void visitWrite(Statement.Write w) {
            acting(w);
            EndpointFacts f = endpoint(facts, w.endpoint());
            if (f != null) {
                stackUse(f, w.span(), "write");
            }
            if (w.count() != null) {
                number(w.count(), "a byte count", 1, MAX_WRITE, names);
            }
            return null;
        }

        @Override
        public Void visitRead(Statement.Read r) {
            acting(r);
            EndpointFacts f = endpoint(facts, r.endpoint());
            if (f != null) {
                stackUse(f, r.span(), "read");
            }
            if (r.count() != null) {
                number(r.count(), "a byte count", 1, MAX_READ, names);
            }
            return null;
        }

        @Override
        public Void visitStopsReading(Statement.StopsReading r) {
            acting(r);
            EndpointFacts f = endpoint(facts, r.endpoint());
            if (f != null) {
                stackUse(f, r.span(), "stops reading");
            }
            return null;
        }

        @Override
        public Void visitSend(Statement.Send s) {
            acting(s);
            EndpointFacts f = endpoint(facts, s.endpoint());
            if (f != null) {
                scriptedUse(f, s.span(), "send");
            }
            segment(s.segment(), flagBits, true, names);
            forged(s, facts, flagBits);
            return null;
        }

        @Override
        public Void visitFault(Statement.Fault d) {
            acting(d);
            fault(d, facts, flagBits);
            return null;
        }

        @Override
        public Void visitWait(Statement.Wait w) {
            acting(w);
            if (w.duration().micros() <= 0) {
                error(w.duration().span(), "a wait must be longer than zero");
            }
            return null;
        }

        @Override
        public Void visitWaitUntil(Statement.WaitUntil w) {
            acting(w);
            stateOf(facts, w.endpoint(), w.state(), states, "wait for");
            return null;
        }

        @Override
        public Void visitLet(Statement.Let l) {
            acting(l);
            sequenceOrNumber(l.value(), names);
            ValueType type = typeOf(l.value(), names);
            if (Exprs.names(l.value()).stream().anyMatch(n -> n instanceof Expr.Isn i && i.endpoint() == null)) {
                error(l.value().span(), "a bare `isn` needs a seq= or ack= field to know whose ISN it is; "
                        + "write client.isn or server.isn");
            }
            // a value whose expression is wrong has no type: nothing more is said where it is used
            declare(names, l.name(), new Declared(type, false, l.name().span()));
            return null;
        }

        @Override
        public Void visitExpectSegment(Statement.ExpectSegment e) {
            acting(e);
            direction(facts, e.direction());
            segment(e.segment(), flagBits, false, names);
            if (e.timing() != null) {
                timing(e.timing(), names);
            }
            if (e.binding() != null) {
                declare(names, e.binding(), new Declared(null, true, e.binding().span()));
            }
            return null;
        }

        @Override
        public Void visitUnmatchedFail(Statement.UnmatchedFail s) {
            setup(s);
            return null;
        }

        @Override
        public Void visitExpectValue(Statement.ExpectValue e) {
            acting(e);
            compare(e.comparison(), names);
            return null;
        }

        @Override
        public Void visitRepeat(Statement.Repeat r) {
            acting(r);
            number(r.count(), "a repeat count", 1, 1_000_000, names);
            block(r.body());
            return null;
        }

        @Override
        public Void visitRepeatUntil(Statement.RepeatUntil r) {
            acting(r);
            if (r.limit() != null) {
                number(r.limit(), "a repeat limit", 1, 1_000_000, names);
            }
            block(r.body());
            condition(r.condition(), facts, states, names); // after the body: it may name what the body binds
            return null;
        }

        /** What did not parse: the mistakes of its whole parts; then the names it may have given are not reported as unknown. */
        @Override
        public Void visitBroken(Statement.Broken b) {
            b.endpoints().forEach(e -> endpoint(facts, e));
            b.flags().forEach(f -> flags(f, flagBits));
            b.exprs().forEach(e -> typeOf(e, names));
            unsure.addAll(b.gives());
            return null;
        }

        @Override
        public Void visitExpansion(Statement.Expansion x) {
            Source caller = current;
            String outer = where;
            current = x.source();
            where = " (in `" + x.call() + "`, called at " + caller.name() + ":" + caller.toOrigin(x.span()) + ")"
                    + outer;
            try {
                block(x.body());
            } finally {
                current = caller;
                where = outer;
            }
            return null;
        }

        private void block(List<Statement> body) {
            blocks++;
            try {
                body.forEach(st -> {
                    tcps.grammar.Cancelled.check();
                    st.accept(this);
                });
            } finally {
                blocks--;
            }
        }

        @Override
        public Void visitExpectState(Statement.ExpectState e) {
            acting(e);
            stateOf(facts, e.endpoint(), e.state(), states, "expect");
            return null;
        }

        @Override
        public Void visitExpectError(Statement.ExpectError e) {
            acting(e);
            EndpointFacts f = endpoint(facts, e.endpoint());
            atTheEnd.add(() -> {
                if (f != null && f.scriptedUse != null) {
                    error(e.endpoint().span(), f.name + " is scripted (`" + f.scriptedWord + "` at "
                            + f.scriptedUse + "): no TCP reports errors to it");
                }
            });
            if (ERRORS.stream().noneMatch(n -> n.equals(e.error().text()))) {
                error(e.error().span(), "unknown error `" + e.error().text() + "`; errors are "
                        + String.join(", ", ERRORS));
            }
            return null;
        }

        @Override
        public Void visitExpectRead(Statement.ExpectRead e) {
            acting(e);
            reader(e.endpoint(), "read");
            if (e.count() != null) {
                number(e.count(), "a byte count", 0, MAX_WRITE, names);
            }
            if (e.error() != null && ERRORS.stream().noneMatch(n -> n.equals(e.error().text()))) {
                error(e.error().span(), "unknown error `" + e.error().text() + "`; errors are "
                        + String.join(", ", ERRORS));
            }
            return null;
        }

        @Override
        public Void visitExpectReadable(Statement.ExpectReadable e) {
            acting(e);
            reader(e.endpoint(), "readable");
            number(e.count(), "a byte count", 0, MAX_WRITE, names);
            return null;
        }

        /** An expectation about what a socket's application reads: it needs a stack endpoint. */
        private void reader(Name endpoint, String word) {
            EndpointFacts f = endpoint(facts, endpoint);
            if (f != null && f.scriptedUse != null) {
                error(endpoint.span(), f.name + " is scripted (`" + f.scriptedWord + "` at "
                        + f.scriptedUse + "): it has no socket to read from");
            } else if (f != null) {
                stackUse(f, endpoint.span(), word);
            }
        }

        @Override
        public Void visitExpectNothing(Statement.ExpectNothing e) {
            acting(e);
            if (e.duration() != null && e.duration().micros() <= 0) {
                error(e.duration().span(), "the time must be longer than zero");
            }
            return null;
        }
    }

    private ScenarioPlan plan(Scenario scenario, Map<String, EndpointFacts> facts, Profile profile, boolean absolute,
            Map<Flags, Integer> flagBits, Map<Name, TcpState> states) {
        Map<String, EndpointPlan> endpoints = new LinkedHashMap<>();
        for (EndpointFacts f : facts.values()) {
            Mode mode = f.scriptedUse != null ? Mode.SCRIPTED : Mode.STACK;
            Ipv4 ip = Ipv4.LOOPBACK;
            int port = f.name.equals("server") ? DEFAULT_SERVER_PORT : 0;
            if (f.host != null) {
                ip = Ipv4.parse(f.host.address().text()).orElse(ip);
                port = f.host.port() == null ? 0 : f.host.port();
            }
            if (f.at != null) {
                if (f.at.address() != null) {
                    ip = Ipv4.parse(f.at.address().text()).orElse(ip);
                }
                if (f.at.port() != null) {
                    port = f.at.port();
                }
            }
            Profile p = profile;
            if (f.stack != null) {
                p = profiles.byName(f.stack.profile().text()).orElse(profile);
            }
            endpoints.put(f.name, new EndpointPlan(f.name, mode, ip, port,
                    f.isn == null ? null : f.isn.value(), f.ts == null ? null : f.ts.value(), p, f.accepts));
        }
        EndpointPlan c = endpoints.get("client");
        EndpointPlan s = endpoints.get("server");
        if (c.port() != 0 && c.ip().equals(s.ip()) && c.port() == s.port()) {
            Statement.At at = facts.get("client").at != null ? facts.get("client").at : facts.get("server").at;
            error(at.span(), "client and server are both at " + c.ip() + " port " + c.port()
                    + "; give them different ports");
        }
        EndpointFacts server = facts.get("server");
        boolean autoListen = server.scriptedUse == null && !server.opens;
        return new ScenarioPlan(scenario, endpoints, absolute, autoListen, flagBits, states);
    }

    private void once(Statement earlier, Statement now, String what) {
        if (earlier != null) {
            error(now.span(), what + " is already set at line " + earlier.span().line());
        }
    }

    private EndpointFacts endpoint(Map<String, EndpointFacts> facts, Name name) {
        EndpointFacts f = facts.get(name.text());
        if (f == null && !isUnsure(name.text())) {
            error(name.span(), unknownEndpoint(name.text()));
        }
        return f;
    }

    private String unknownEndpoint(String name) {
        List<String> known = new ArrayList<>(endpoints.keySet());
        String list = known.size() == 2 ? "client and server"
                : String.join(", ", known.subList(0, known.size() - 1)) + " and " + known.get(known.size() - 1);
        return "unknown endpoint `" + name + "`; the endpoints are " + list
                + (known.size() == 2 ? " (declare more with `host NAME at ADDRESS`)" : "");
    }

    /** {@code attacker send ACK from client to server seq=... ack=...}: a forged segment carries its own numbers. */
    private void forged(Statement.Send s, Map<String, EndpointFacts> facts, Map<Flags, Integer> flagBits) {
        EndpointFacts from = s.from() == null ? null : endpoint(facts, s.from());
        EndpointFacts to = s.to() == null ? null : endpoint(facts, s.to());
        String sender = s.from() == null ? s.endpoint().text() : s.from().text();
        if (to != null && to.name.equals(sender)) {
            error(s.to().span(), "a segment goes from one endpoint to another; this one would go from " + sender
                    + " to itself");
        }
        if (from == null || from.name.equals(s.endpoint().text())
                || s.segment().fields().stream().anyMatch(f -> f instanceof Field.Error)) {
            return; // a broken field may be the seq= or ack= it needs
        }
        boolean hasSeq = s.segment().fields().stream().anyMatch(f -> f instanceof Field.Seq);
        boolean hasAck = s.segment().fields().stream().anyMatch(f -> f instanceof Field.Ack);
        Integer bits = flagBits.get(s.segment().flags());
        if (!hasSeq) {
            error(s.from().span(), "a forged segment needs seq=: " + s.endpoint().text() + " keeps no numbers for "
                    + "a connection it is not part of");
        }
        if (!hasAck && bits != null && (bits & tcps.tcp.TcpFlags.ACK) != 0) {
            error(s.from().span(), "a forged segment with the ACK flag needs ack=: " + s.endpoint().text()
                    + " keeps no numbers for a connection it is not part of");
        }
    }

    private void stackUse(EndpointFacts f, Span at, String word) {
        if (f.stackUse == null) {
            f.stackUse = at;
            f.stackWord = word;
        }
        if (f.scriptedUse != null) {
            mixed(f, at, word, "a TCP stack", "scripted (`" + f.scriptedWord + "` at " + f.scriptedUse + ")");
        }
    }

    private void scriptedUse(EndpointFacts f, Span at, String word) {
        if (f.scriptedUse == null) {
            f.scriptedUse = at;
            f.scriptedWord = word;
        }
        if (f.stackUse != null) {
            mixed(f, at, word, "scripted", "a TCP stack (`" + f.stackWord + "` at " + f.stackUse + ")");
        }
    }

    private void mixed(EndpointFacts f, Span at, String word, String makes, String already) {
        error(at, "`" + word + "` makes " + f.name + " " + makes + ", but it is already " + already
                + "; an endpoint is either driven by socket calls (connect, listen, write, close) or crafts its own "
                + "segments with send, not both");
    }

    private void direction(Map<String, EndpointFacts> facts, Direction d) {
        if (d == null) {
            return;
        }
        EndpointFacts from = endpoint(facts, d.from());
        EndpointFacts to = endpoint(facts, d.to());
        if (from != null && from == to) {
            error(d.span(), "a segment goes from one endpoint to the other; `" + d + "` names " + from.name + " twice");
        }
    }

    private void flags(Flags f, Map<Flags, Integer> flagBits) {
        try {
            flagBits.put(f, FlagSyntax.parse(f.text()));
        } catch (IllegalArgumentException e) {
            error(f.span(), e.getMessage());
        }
    }

    private void segment(SegmentSpec spec, Map<Flags, Integer> flagBits, boolean sending, Map<String, Declared> names) {
        if (spec.flags() != null) {
            flags(spec.flags(), flagBits);
        }
        Map<Class<?>, Field> seen = new IdentityHashMap<>();
        Field.Visitor<Void> fieldCheck = fieldCheck(sending, names);
        for (Field field : spec.fields()) {
            // comparisons may bound one field from both sides: win>0 win<512
            boolean comparison = field instanceof Field.Compared || field instanceof Field.Range
                    || field instanceof Field.Error;
            Field earlier = comparison ? null : seen.put(field.getClass(), field);
            if (earlier != null) {
                error(field.span(), "this field is already given at " + earlier.span());
            }
            field.accept(fieldCheck);
        }
        if (sending && seen.containsKey(Field.Length.class) && seen.containsKey(Field.Data.class)) {
            error(seen.get(Field.Length.class).span(), "a sent segment takes its payload as \"text\" or as a length "
                    + "of filler bytes, not both");
        }
    }

    /** Each field's values: sequence numbers where they belong, numbers in range elsewhere. */
    private Field.Visitor<Void> fieldCheck(boolean sending, Map<String, Declared> names) {
        return new Field.Visitor<>() {
            @Override
            public Void visitSeq(Field.Seq s) {
                sequenceOrNumber(s.start(), names);
                if (s.end() != null) {
                    sequenceOrNumber(s.end(), names);
                }
                return null;
            }

            @Override
            public Void visitAck(Field.Ack a) {
                sequenceOrNumber(a.value(), names);
                return null;
            }

            @Override
            public Void visitWin(Field.Win w) {
                number(w.value(), "a window", 0, 0xffff, names);
                return null;
            }

            @Override
            public Void visitUrg(Field.Urg u) {
                number(u.value(), "an urgent pointer", 0, 0xffff, names);
                return null;
            }

            @Override
            public Void visitLength(Field.Length l) {
                number(l.value(), "a length", 0, 65535, names);
                return null;
            }

            @Override
            public Void visitData(Field.Data d) {
                // the grammar decoded it; any bytes can be sent or expected, as many as a packet holds
                if (sending && d.payload().length() > MAX_PAYLOAD) {
                    error(d.span(), "a payload of " + d.payload().length() + " bytes does not fit in one segment: "
                            + "an IPv4 packet holds at most " + MAX_PAYLOAD + " bytes of payload");
                }
                return null;
            }

            @Override
            public Void visitOptions(Field.Options o) {
                for (OptionItem item : o.items()) {
                    option(item, sending, names);
                }
                return null;
            }

            @Override
            public Void visitCompared(Field.Compared c) {
                compared(c.field(), c.value(), c.span());
                return null;
            }

            @Override
            public Void visitRange(Field.Range r) {
                compared(r.field(), r.low(), r.span());
                compared(r.field(), r.high(), r.span());
                return null;
            }

            @Override
            public Void visitError(Field.Error e) {
                if (e.value() != null) {
                    typeOf(e.value(), names); // its names are checked; where it belongs is unknown
                }
                return null;
            }

            private void compared(Name field, Expr value, Span span) {
                if (sending) {
                    error(span, "a sent segment's fields are values, not comparisons: write " + field.text() + "=N");
                    return;
                }
                switch (field.text()) {
                    case "seq", "ack" -> sequenceOrNumber(value, names);
                    case "win" -> number(value, "a window", 0, 0xffff, names);
                    case "urg" -> number(value, "an urgent pointer", 0, 0xffff, names);
                    default -> number(value, "a length", 0, 65535, names);
                }
            }
        };
    }

    private void option(OptionItem item, boolean sending, Map<String, Declared> names) {
        item.accept(new OptionItem.Visitor<Void>() {
            @Override
            public Void visitSack(OptionItem.Sack sack) {
                for (OptionItem.Block b : sack.blocks()) {
                    sequenceOrNumber(b.left(), names);
                    sequenceOrNumber(b.right(), names);
                }
                return null;
            }

            @Override
            public Void visitMss(OptionItem.Mss m) {
                constant(m.value(), "an MSS", 0, 0xffff);
                return null;
            }

            @Override
            public Void visitWindowScale(OptionItem.WindowScale w) {
                constant(w.shift(), "a window scale", 0, 14);
                return null;
            }

            @Override
            public Void visitTimestamps(OptionItem.Timestamps t) {
                if (t.val() != null) {
                    constant(t.val(), "a TS value", 0, 0xffffffffL);
                    constant(t.ecr(), "a TS echo reply", 0, 0xffffffffL);
                } else if (sending) {
                    error(t.span(), "a sent TS option needs its values: TS val N ecr N");
                }
                return null;
            }

            @Override
            public Void visitSackPermitted(OptionItem.SackPermitted o) {
                return null;
            }

            @Override
            public Void visitNop(OptionItem.Nop o) {
                return null;
            }

            @Override
            public Void visitEol(OptionItem.Eol o) {
                return null;
            }
        });
    }

    // ---- expressions ----------------------------------------------------------------------------

    /** A name a scenario declared: a {@code let} value (its type) or a segment bound with {@code as}. */
    private record Declared(ValueType type, boolean segment, Span at) {}

    private void declare(Map<String, Declared> names, Name name, Declared what) {
        if (endpoints.containsKey(name.text())) {
            error(name.span(), "`" + name.text() + "` is an endpoint; choose another name");
            return;
        }
        Declared earlier = names.putIfAbsent(name.text(), what);
        if (earlier != null && blocks > 0 && earlier.segment() == what.segment()) {
            names.put(name.text(), what); // each round of a repeat, each call of a macro names it anew
        } else if (earlier != null) {
            error(name.span(), "`" + name.text() + "` is already named at " + earlier.at());
        }
    }

    /**
     * Checks every name in {@code e} and returns its type, or null after reporting an error. A
     * name is usable after the statement that declares it.
     */
    private ValueType typeOf(Expr e, Map<String, Declared> names) {
        boolean ok = true;
        for (Expr n : Exprs.names(e)) {
            if (n instanceof Expr.Isn ref) {
                if (ref.endpoint() != null && !endpoints.containsKey(ref.endpoint().text())) {
                    if (!isUnsure(ref.endpoint().text())) {
                        error(ref.endpoint().span(), unknownEndpoint(ref.endpoint().text()));
                    }
                    ok = false;
                }
                continue;
            }
            if (n instanceof Expr.Tcb tcb) {
                ok &= tcbVariable(tcb);
                continue;
            }
            Expr.Ref ref = (Expr.Ref) n;
            Declared d = names.get(ref.name().text());
            String name = ref.name().text();
            if (d == null && isUnsure(name)) {
                ok = false; // a broken statement may have been meant to give it
            } else if (d == null) {
                error(ref.name().span(), "unknown name `" + name + "`; name a value with `let " + name
                        + " = ...` or a segment with `expect ... as " + name + "` before using it");
                ok = false;
            } else if (d.segment() && ref.field() == null) {
                error(ref.span(), "`" + name + "` names a segment; use one of its fields: " + name + ".seq, "
                        + name + ".ack, " + name + ".win, " + name + ".len, " + name + ".time");
                ok = false;
            } else if (!d.segment() && ref.field() != null) {
                error(ref.span(), "`" + name + "` is a value, not a segment; write `" + name + "` alone");
                ok = false;
            } else if (ref.field() != null && !ValueType.SEGMENT_FIELDS.containsKey(ref.field().text())) {
                error(ref.field().span(), "a segment has no field `" + ref.field().text()
                        + "`; its fields are seq, ack, win, len and time (µs since the start)");
                ok = false;
            } else if (!d.segment() && d.type() == null) {
                ok = false; // a value whose own expression is wrong (reported there)
            }
        }
        if (!ok || Exprs.broken(e)) {
            return null;
        }
        try {
            return ValueType.of(e, n -> names.get(n).type());
        } catch (ValueType.Mismatch m) {
            error(m.span, m.getMessage());
            return null;
        }
    }

    /** {@code client.snd_una}: a stack endpoint's TCB; a scripted endpoint keeps none. */
    private boolean tcbVariable(Expr.Tcb tcb) {
        EndpointFacts f = endpoints.get(tcb.endpoint().text());
        if (f == null) {
            if (!isUnsure(tcb.endpoint().text())) {
                error(tcb.endpoint().span(), unknownEndpoint(tcb.endpoint().text()));
            }
            return false;
        }
        if (f.scriptedUse != null) {
            error(tcb.endpoint().span(), f.name + " is scripted (`" + f.scriptedWord + "` at " + f.scriptedUse
                    + "): it keeps no TCB; its numbers are the script's own");
            return false;
        }
        return true;
    }

    /**
     * {@code client.snd_una == client.isn + 14}: both sides of one kind, or a sequence number read
     * from a TCB and a number, which counts from that space's ISN as in seq= and ack= fields.
     */
    private void compare(Condition.Compare c, Map<String, Declared> names) {
        for (Expr side : List.of(c.left(), c.right())) {
            if (Exprs.names(side).stream().anyMatch(n -> n instanceof Expr.Isn i && i.endpoint() == null)) {
                error(side.span(), "a bare `isn` needs a seq= or ack= field to know whose ISN it is; "
                        + "write client.isn or server.isn");
                return;
            }
        }
        ValueType l = typeOf(c.left(), names);
        ValueType r = typeOf(c.right(), names);
        if (l == null || r == null || l == r) {
            return;
        }
        Expr seq = l == ValueType.SEQUENCE_NUMBER ? c.left() : c.right();
        if (Exprs.names(seq).stream().noneMatch(n -> n instanceof Expr.Tcb)) {
            error(c.span(), "`" + current.text(seq.span()) + "` is a sequence number and the other side a number; "
                    + "compare it with a sequence number, such as client.isn + 14");
        }
    }

    private void condition(Condition c, Map<String, EndpointFacts> facts, Map<Name, TcpState> states,
            Map<String, Declared> names) {
        c.accept(new Condition.Visitor<Void>() {
            @Override
            public Void visitStateIs(Condition.StateIs s) {
                stateOf(facts, s.endpoint(), s.state(), states, "wait for");
                return null;
            }

            @Override
            public Void visitCompare(Condition.Compare k) {
                compare(k, names);
                return null;
            }
        });
    }

    /** {@code after 1s ± 5ms since probe}: a time, a tolerance, and a segment named before. */
    private void timing(Statement.Timing t, Map<String, Declared> names) {
        if (t.duration().micros() < 0) {
            error(t.span(), "a time cannot be negative");
        }
        if (t.since() != null) {
            Declared d = names.get(t.since().text());
            if ((d == null || !d.segment()) && !(d == null && isUnsure(t.since().text()))) {
                error(t.since().span(), d == null ? "unknown segment `" + t.since().text() + "`; name one with "
                        + "`expect ... as " + t.since().text() + "` before" : "`" + t.since().text()
                        + "` is a value; `since` takes a segment named with `as`");
            }
        }
    }

    /** A seq or ack value: a sequence number, or a number counted from the field's ISN. */
    private void sequenceOrNumber(Expr e, Map<String, Declared> names) {
        typeOf(e, names);
    }

    /** A plain number in {@code [min, max]}; its range is checked when it is written as a constant. */
    private void number(Expr e, String what, long min, long max, Map<String, Declared> names) {
        ValueType type = typeOf(e, names);
        if (type == ValueType.SEQUENCE_NUMBER) {
            Expr first = Exprs.names(e).get(0);
            String shown = first instanceof Expr.Isn ? "`isn`" : "`" + current.text(first.span()) + "`";
            error(first.span(), shown + " is a sequence number; it can only be used in seq= and ack=, not in " + what);
        } else if (type == ValueType.NUMBER && Exprs.names(e).isEmpty()) {
            range(e, what, min, max);
        }
    }

    /** A number written out, known before the scenario starts (an ISN, a count of segments). */
    private void constant(Expr e, String what, long min, long max) {
        if (Exprs.broken(e)) {
            return; // a number that could not be read, reported where it was read
        }
        List<Expr> names = Exprs.names(e);
        if (!names.isEmpty()) {
            Expr first = names.get(0);
            error(first.span(), first instanceof Expr.Isn
                    ? "`isn` is a sequence number; it can only be used in seq= and ack=, not in " + what
                    : what + " must be written as a number here: `" + current.text(first.span())
                            + "` is known only once the scenario runs");
            return;
        }
        range(e, what, min, max);
    }

    private void range(Expr e, String what, long min, long max) {
        if (Exprs.broken(e)) {
            return;
        }
        long v;
        try {
            v = Exprs.constant(e);
        } catch (Exprs.Overflow overflow) {
            error(overflow.span, what + " must be between " + min + " and " + max + "; this value does not fit in "
                    + "64 bits");
            return;
        }
        if (v < min || v > max) {
            error(e.span(), what + " must be between " + min + " and " + max + ", not " + v);
        }
    }

    // ---- faults and states ----------------------------------------------------------------------

    private void fault(Statement.Fault d, Map<String, EndpointFacts> facts, Map<Flags, Integer> flagBits) {
        if (d.count() != null) {
            constant(d.count(), d.kind() == Statement.FaultKind.REORDER ? "the number of segments to reorder"
                    : "a segment count", d.kind() == Statement.FaultKind.REORDER ? 2 : 1, 1_000_000);
        }
        if (d.ordinal() != null) {
            range(d.ordinal(), "which segment", 1, 1_000_000);
        }
        if (d.delay() != null && d.delay().micros() <= 0) {
            error(d.delay().span(), "a delay must be longer than zero");
        }
        direction(facts, d.direction());
        if (d.flags() != null) {
            flags(d.flags(), flagBits);
        }
    }

    /** {@code expect client state S}, {@code wait until client state S}: a stack endpoint and a real state. */
    private void stateOf(Map<String, EndpointFacts> facts, Name endpoint, Name stateName, Map<Name, TcpState> states,
            String verb) {
        EndpointFacts f = endpoint(facts, endpoint);
        Optional<TcpState> state = TcpState.byName(stateName.text());
        if (state.isEmpty()) {
            error(stateName.span(), "unknown state `" + stateName.text() + "`" + stateHint(stateName.text())
                    + "; states are " + stateList());
        } else {
            states.put(stateName, state.get());
        }
        atTheEnd.add(() -> {
            if (f != null && f.scriptedUse != null) {
                error(endpoint.span(), f.name + " is scripted (`" + f.scriptedWord + "` at "
                        + f.scriptedUse + "): it has no TCP state to " + verb);
            }
        });
    }

    private static String stateList() {
        List<String> names = new ArrayList<>();
        for (TcpState s : TcpState.values()) {
            names.add(s.rfcName());
        }
        return String.join(", ", names);
    }

    private static String stateHint(String text) {
        String t = text.toUpperCase(java.util.Locale.ROOT).replace('_', '-');
        if (t.equals("SYN-RECV") || t.equals("SYN-RCVD")) {
            return " (did you mean SYN-RECEIVED? tcps spells states as RFC 9293 does)";
        }
        if (t.equals("TIMEWAIT") || t.equals("TIME_WAIT")) {
            return " (did you mean TIME-WAIT?)";
        }
        if (t.equals("FIN-WAIT") || t.equals("FINWAIT")) {
            return " (did you mean FIN-WAIT-1 or FIN-WAIT-2?)";
        }
        if (t.equals("ESTAB")) {
            return " (did you mean ESTABLISHED?)";
        }
        return "";
    }
}
