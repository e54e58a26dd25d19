package tcps.check;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import tcps.syntax.Span;
import tcps.syntax.Statement;
import tcps.tcp.Ipv4;
import tcps.tcp.Profile;
import tcps.tcp.Profiles;
import tcps.tcp.TcpState;

/**
 * The one pass between parsing and running: resolves endpoint names and modes, profiles, flags
 * and states, and checks that every expression is used where it means something. It reports
 * every problem it finds; nothing runs when it found any.
 */
public final class Checker {
    static final List<String> ENDPOINTS = List.of("client", "server");
    static final int DEFAULT_SERVER_PORT = 1234;
    private static final long MAX_WRITE = 16L * 1024 * 1024;

    /** The outcome: one plan per scenario when {@code errors} is empty. */
    public record Result(List<ScenarioPlan> plans, List<Diagnostic> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Script script;
    private final List<Diagnostic> errors = new ArrayList<>();

    private Checker(Script script) {
        this.script = script;
    }

    public static Result check(Script script) {
        Checker c = new Checker(script);
        List<ScenarioPlan> plans = new ArrayList<>();
        for (Scenario s : script.scenarios()) {
            plans.add(c.scenario(s));
        }
        c.errors.sort(null);
        return new Result(c.errors.isEmpty() ? plans : List.of(), List.copyOf(c.errors));
    }

    private void error(Span span, String message) {
        errors.add(new Diagnostic(script.source(), span, message));
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
        boolean opens;

        EndpointFacts(String name) {
            this.name = name;
        }
    }

    private ScenarioPlan scenario(Scenario scenario) {
        Map<String, EndpointFacts> facts = new LinkedHashMap<>();
        ENDPOINTS.forEach(n -> facts.put(n, new EndpointFacts(n)));
        Map<Flags, Integer> flagBits = new IdentityHashMap<>();
        Map<Name, TcpState> states = new IdentityHashMap<>();
        Profile profile = Profile.LINUX;
        Statement.Stack scenarioStack = null;
        Statement.Numbers numbers = null;
        long linkDelay = Defaults.LINK_DELAY;
        Span firstAction = null;

        for (Statement st : scenario.statements()) {
            if (isSetup(st) && firstAction != null) {
                error(st.span(), "setup statements come before the scenario starts acting; move this above line "
                        + firstAction.line());
            }
            if (!isSetup(st) && !(st instanceof Statement.LinkDelay) && firstAction == null) {
                firstAction = st.span();
            }
            if (st instanceof Statement.Stack s) {
                Optional<Profile> p = Profiles.byName(s.profile().text());
                if (p.isEmpty()) {
                    error(s.profile().span(), "unknown stack `" + s.profile().text() + "`; known stacks are "
                            + String.join(", ", Profiles.names()));
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
            } else if (st instanceof Statement.Scripted s) {
                EndpointFacts f = endpoint(facts, s.endpoint());
                if (f != null) {
                    scriptedUse(f, s.span(), "scripted");
                }
            } else if (st instanceof Statement.Numbers n) {
                if (numbers != null) {
                    error(n.span(), "the numbering is already chosen at line " + numbers.span().line());
                }
                numbers = n;
            } else if (st instanceof Statement.At a) {
                EndpointFacts f = endpoint(facts, a.endpoint());
                if (f != null) {
                    once(f.at, a, "the address of " + f.name);
                    f.at = a;
                }
                if (a.address() != null && Ipv4.parse(a.address().text()).isEmpty()) {
                    error(a.address().span(), "`" + a.address().text() + "` is not an IPv4 address");
                }
            } else if (st instanceof Statement.Isn i) {
                EndpointFacts f = endpoint(facts, i.endpoint());
                if (f != null) {
                    once(f.isn, i, "the ISN of " + f.name);
                    f.isn = i;
                }
                constant(i.value(), "an ISN", 0, 0xffffffffL);
            } else if (st instanceof Statement.Ts t) {
                EndpointFacts f = endpoint(facts, t.endpoint());
                if (f != null) {
                    once(f.ts, t, "the timestamp clock of " + f.name);
                    f.ts = t;
                }
                constant(t.value(), "a timestamp", 0, 0xffffffffL);
            } else if (st instanceof Statement.LinkDelay d) {
                if (firstAction == null) {
                    linkDelay = d.delay().micros();
                }
            } else if (st instanceof Statement.Call c) {
                EndpointFacts f = endpoint(facts, c.endpoint());
                if (f != null) {
                    stackUse(f, c.span(), c.kind().word());
                    f.opens |= c.kind() == Statement.CallKind.LISTEN || c.kind() == Statement.CallKind.CONNECT;
                }
            } else if (st instanceof Statement.Write w) {
                EndpointFacts f = endpoint(facts, w.endpoint());
                if (f != null) {
                    stackUse(f, w.span(), "write");
                }
                if (w.count() != null) {
                    constant(w.count(), "a byte count", 1, MAX_WRITE);
                }
            } else if (st instanceof Statement.Read r) {
                EndpointFacts f = endpoint(facts, r.endpoint());
                if (f != null) {
                    stackUse(f, r.span(), "read");
                }
                if (r.count() != null) {
                    constant(r.count(), "a byte count", 1, MAX_WRITE);
                }
            } else if (st instanceof Statement.Send s) {
                EndpointFacts f = endpoint(facts, s.endpoint());
                if (f != null) {
                    scriptedUse(f, s.span(), "send");
                }
                segment(s.segment(), flagBits, true);
            } else if (st instanceof Statement.Drop d) {
                if (d.count() != null) {
                    constant(d.count(), "a segment count", 1, 1_000_000);
                }
                direction(facts, d.direction());
                if (d.flags() != null) {
                    flags(d.flags(), flagBits);
                }
            } else if (st instanceof Statement.Wait w) {
                if (w.duration().micros() <= 0) {
                    error(w.duration().span(), "a wait must be longer than zero");
                }
            } else if (st instanceof Statement.ExpectSegment e) {
                direction(facts, e.direction());
                segment(e.segment(), flagBits, false);
            } else if (st instanceof Statement.ExpectState e) {
                EndpointFacts f = endpoint(facts, e.endpoint());
                Optional<TcpState> state = TcpState.byName(e.state().text());
                if (state.isEmpty()) {
                    error(e.state().span(), "unknown state `" + e.state().text() + "`" + stateHint(e.state().text())
                            + "; states are " + stateList());
                } else {
                    states.put(e.state(), state.get());
                }
                if (f != null && f.scriptedUse != null) {
                    error(e.endpoint().span(), f.name + " is scripted (`" + f.scriptedWord + "` at "
                            + f.scriptedUse + "): it has no TCP state to expect");
                }
            }
        }
        return plan(scenario, facts, profile, numbers != null && numbers.absolute(), linkDelay, flagBits, states);
    }

    private ScenarioPlan plan(Scenario scenario, Map<String, EndpointFacts> facts, Profile profile, boolean absolute,
            long linkDelay, Map<Flags, Integer> flagBits, Map<Name, TcpState> states) {
        Map<String, EndpointPlan> endpoints = new LinkedHashMap<>();
        for (EndpointFacts f : facts.values()) {
            Mode mode = f.scriptedUse != null ? Mode.SCRIPTED : Mode.STACK;
            Ipv4 ip = Ipv4.LOOPBACK;
            int port = f.name.equals("server") ? DEFAULT_SERVER_PORT : 0;
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
                p = Profiles.byName(f.stack.profile().text()).orElse(profile);
            }
            endpoints.put(f.name, new EndpointPlan(f.name, mode, ip, port,
                    f.isn == null ? null : f.isn.value(), f.ts == null ? null : f.ts.value(), p));
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
        return new ScenarioPlan(scenario, endpoints, absolute, linkDelay, autoListen, flagBits, states);
    }

    private static boolean isSetup(Statement st) {
        return st instanceof Statement.Stack || st instanceof Statement.Scripted || st instanceof Statement.Numbers
                || st instanceof Statement.At || st instanceof Statement.Isn || st instanceof Statement.Ts;
    }

    private void once(Statement earlier, Statement now, String what) {
        if (earlier != null) {
            error(now.span(), what + " is already set at line " + earlier.span().line());
        }
    }

    private EndpointFacts endpoint(Map<String, EndpointFacts> facts, Name name) {
        EndpointFacts f = facts.get(name.text());
        if (f == null) {
            error(name.span(), "unknown endpoint `" + name.text() + "`; the endpoints are client and server");
        }
        return f;
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

    private void segment(SegmentSpec spec, Map<Flags, Integer> flagBits, boolean sending) {
        if (spec.flags() != null) {
            flags(spec.flags(), flagBits);
        }
        Map<Class<?>, Field> seen = new IdentityHashMap<>();
        for (Field field : spec.fields()) {
            Field earlier = seen.put(field.getClass(), field);
            if (earlier != null) {
                error(field.span(), "this field is already given at " + earlier.span());
            }
            if (field instanceof Field.Seq s) {
                sequence(s.start());
                if (s.end() != null) {
                    sequence(s.end());
                }
            } else if (field instanceof Field.Ack a) {
                sequence(a.value());
            } else if (field instanceof Field.Win w) {
                constant(w.value(), "a window", 0, 0xffff);
            } else if (field instanceof Field.Urg u) {
                constant(u.value(), "an urgent pointer", 0, 0xffff);
            } else if (field instanceof Field.Length l) {
                constant(l.value(), "a length", 0, 65535);
                if (sending) {
                    error(l.span(), "a sent segment's length is its payload's: write the payload as \"text\" instead");
                }
            } else if (field instanceof Field.Options o) {
                for (OptionItem item : o.items()) {
                    option(item, sending);
                }
            }
        }
    }

    private void option(OptionItem item, boolean sending) {
        if (item instanceof OptionItem.Mss m) {
            constant(m.value(), "an MSS", 0, 0xffff);
        } else if (item instanceof OptionItem.WindowScale w) {
            constant(w.shift(), "a window scale", 0, 14);
        } else if (item instanceof OptionItem.Timestamps t) {
            if (t.val() != null) {
                constant(t.val(), "a TS value", 0, 0xffffffffL);
                constant(t.ecr(), "a TS echo reply", 0, 0xffffffffL);
            } else if (sending) {
                error(t.span(), "a sent TS option needs its values: TS val N ecr N");
            }
        }
    }

    /** A seq/ack expression: {@code isn} allowed, endpoint names must exist. */
    private void sequence(Expr e) {
        for (Expr.Isn ref : Exprs.isns(e)) {
            if (ref.endpoint() != null && !ENDPOINTS.contains(ref.endpoint().text())) {
                error(ref.endpoint().span(), "unknown endpoint `" + ref.endpoint().text()
                        + "`; the endpoints are client and server");
            }
        }
    }

    /** An expression that must be a plain number in {@code [min, max]}. */
    private void constant(Expr e, String what, long min, long max) {
        List<Expr.Isn> refs = Exprs.isns(e);
        if (!refs.isEmpty()) {
            error(refs.get(0).span(), "`isn` is a sequence number; it can only be used in seq= and ack=, not in "
                    + what);
            return;
        }
        long v = Exprs.eval(e, Exprs.NO_ISN);
        if (v < min || v > max) {
            error(e.span(), what + " must be between " + min + " and " + max + ", not " + v);
        }
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
