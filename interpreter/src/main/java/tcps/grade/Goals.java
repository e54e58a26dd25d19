package tcps.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tcps.syntax.Duration;
import tcps.syntax.Exercise.FieldTest;
import tcps.syntax.Exercise.Goal;
import tcps.syntax.Name;
import tcps.tcp.Segment;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpState;

/**
 * Answers an exercise's goals: questions about a whole run, asked when it is over. A goal
 * consumes no segment, so it sees exactly what happened, whatever the student's own expects
 * matched. A connection is always named by both of its ends ({@code server from client}: the
 * server's end of the connection whose other end is the client's address and port), never "the
 * newest": an attacker's own probe connection and the one it forges are different connections.
 */
final class Goals {
    private Goals() {}

    /** What a goal found: whether it holds, and in words what the run did. */
    record Outcome(boolean held, String got) {}

    static Outcome segments(Goal.Segments g, Trace t, int flagBits, long count) {
        int n = 0;
        for (Trace.Sent s : t.sent()) {
            if (matches(g, s, t, flagBits)) {
                n++;
            }
        }
        String pattern = describe(g);
        return switch (g.word()) {
            case "exists" -> new Outcome(n > 0, n == 0 ? "no segment " + pattern + " was sent"
                    : n + (n == 1 ? " segment " : " segments ") + pattern + " sent");
            case "no" -> new Outcome(n == 0, n == 0 ? "none was sent" : n + (n == 1 ? " segment " : " segments ")
                    + pattern + " sent");
            default -> new Outcome(n == count, n + (n == 1 ? " segment " : " segments ") + pattern + " sent");
        };
    }

    private static boolean matches(Goal.Segments g, Trace.Sent s, Trace t, int flagBits) {
        Segment seg = s.segment();
        if (g.direction() != null) {
            TcpAddress from = t.address(g.direction().from().text());
            TcpAddress to = t.address(g.direction().to().text());
            if (!seg.src().equals(from) || !seg.dst().equals(to)) {
                return false;
            }
        }
        if (flagBits >= 0 && seg.flags() != flagBits) {
            return false;
        }
        for (FieldTest f : g.fields()) {
            boolean ok = switch (f.name()) {
                case "len" -> seg.length() == f.value();
                case "win" -> seg.window() == f.value();
                case "urg" -> seg.urgent() == f.value();
                default -> seg.payloadEquals(f.data());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Goal.Segments g) {
        StringBuilder sb = new StringBuilder();
        if (g.direction() != null) {
            sb.append(g.direction().from().text()).append(" > ").append(g.direction().to().text()).append(' ');
        }
        sb.append(g.flags() == null ? "of any flags" : "[" + g.flags().text() + "]");
        return sb.toString().trim();
    }

    /** The state of one end of a connection at a time (CLOSED before it existed and after it ended). */
    static TcpState stateAt(Trace t, String endpoint, String peer, long time) {
        TcpState state = TcpState.CLOSED;
        for (Trace.StateChange c : t.states()) {
            if (c.time() > time) {
                break;
            }
            if (c.endpoint().equals(endpoint) && peer.equals(c.peer())) {
                state = c.to();
            }
        }
        return state;
    }

    static Outcome stateAt(Goal.StateAt g, Trace t, TcpState want, long at) {
        if (at > t.end()) {
            return new Outcome(false, "the run ended at " + readable(t.end()) + ", before " + Duration.format(at));
        }
        TcpState got = stateAt(t, g.endpoint().text(), g.peer().text(), at);
        return new Outcome(got == want, connection(g.endpoint(), g.peer()) + " is in " + got + " at "
                + Duration.format(at));
    }

    /** How long, in all, one end of a connection spent in a state, up to the end of the run. */
    static long timeIn(Trace t, String endpoint, String peer, TcpState state) {
        long total = 0;
        long since = -1;
        for (Trace.StateChange c : t.states()) {
            if (!c.endpoint().equals(endpoint) || !peer.equals(c.peer())) {
                continue;
            }
            if (since >= 0) {
                total += c.time() - since;
                since = -1;
            }
            if (c.to() == state) {
                since = c.time();
            }
        }
        if (since >= 0) {
            total += t.end() - since;
        }
        return total;
    }

    /** At least {@code atLeast} in the state; exactly that long when {@code exact} (a blank to fill in). */
    static Outcome timeIn(Goal.TimeIn g, Trace t, TcpState state, long atLeast, boolean exact) {
        long spent = timeIn(t, g.endpoint().text(), g.peer().text(), state);
        boolean held = exact ? sameToItsPrecision(spent, atLeast) : spent >= atLeast;
        return new Outcome(held, connection(g.endpoint(), g.peer()) + " spent " + readable(spent) + " in " + state
                + (exact || held ? "" : ", less than " + Duration.format(atLeast))
                + (spent < atLeast && t.end() < atLeast ? " (the run ended at " + readable(t.end()) + ")" : ""));
    }

    /**
     * A time as a person reads it, to the microsecond: 250us, 1.5ms, 60.48799s, 3m 59.99999s,
     * 1h 2m (the language's own form, 239999990us, is exact but hard to read).
     */
    static String readable(long micros) {
        if (micros == 0) {
            return "0s";
        }
        if (micros < 1_000) {
            return micros + "us";
        }
        if (micros < 1_000_000) {
            return java.math.BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString() + "ms";
        }
        if (micros < 120_000_000) {
            return java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + "s";
        }
        List<String> parts = new ArrayList<>();
        long hours = micros / 3_600_000_000L;
        long minutes = micros / 60_000_000L % 60;
        long rest = micros % 60_000_000L;
        if (hours > 0) {
            parts.add(hours + "h");
        }
        if (minutes > 0) {
            parts.add(minutes + "m");
        }
        if (rest > 0) {
            parts.add(java.math.BigDecimal.valueOf(rest, 6).stripTrailingZeros().toPlainString() + "s");
        }
        return String.join(" ", parts);
    }

    /**
     * A blank's duration is right when it names the time spent to the precision it is written in:
     * 60s is right for 60.488 s (Linux's TIME-WAIT, on its timer wheel), 61s is not.
     */
    static boolean sameToItsPrecision(long spent, long answer) {
        long unit = 1;
        for (long u : new long[] {3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L}) {
            if (answer != 0 && answer % u == 0) {
                unit = u;
                break;
            }
        }
        return spent / unit == answer / unit;
    }

    /** The states one end of a connection passed through, in order, from its first change. */
    static List<TcpState> path(Trace t, String endpoint, String peer) {
        List<TcpState> out = new ArrayList<>();
        for (Trace.StateChange c : t.states()) {
            if (c.endpoint().equals(endpoint) && peer.equals(c.peer())) {
                if (out.isEmpty()) {
                    out.add(c.from());
                }
                out.add(c.to());
            }
        }
        return out;
    }

    static String connection(Name endpoint, Name peer) {
        return endpoint.text() + " (its connection with " + peer.text() + ")";
    }

    /** The addresses by endpoint name, and what was sent, and how each end's state changed. */
    record Trace(Map<String, TcpAddress> endpoints, List<Sent> sent, List<StateChange> states, long end) {
        TcpAddress address(String name) {
            return endpoints.get(name);
        }

        record Sent(int index, long time, Segment segment, boolean scripted) {}

        /** {@code endpoint}'s end of its connection with {@code peer} went from one state to another. */
        record StateChange(long time, String endpoint, String peer, TcpState from, TcpState to) {}
    }
}
