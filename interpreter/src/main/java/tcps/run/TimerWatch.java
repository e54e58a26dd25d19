package tcps.run;

import static tcps.run.Text.spoken;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tcps.tcp.Connection;
import tcps.tcp.Parameters;
import tcps.tcp.Profile;
import tcps.tcp.RttEstimate;
import tcps.tcp.TcpTimer;
import tcps.tcp.TimerEvent;

/**
 * Turns the model's timer events into {@link RunEvent.Timer} events that say why each timer has
 * the deadline it has, with the numbers it was computed from (the RTT estimate and the profile's
 * parameters at the moment it was armed), and how long a timer that fired had run.
 */
final class TimerWatch {
    /** What is remembered of one connection's timers: when and why each was last armed. */
    private static final class Armed {
        final Map<TcpTimer, RunEvent.Timer> last = new HashMap<>();
        int probes;
    }

    private final Map<Connection, Armed> armed = new IdentityHashMap<>();

    /** The event for what the model reported of {@code connection}, which {@code endpoint} owns. */
    RunEvent.Timer event(String endpoint, Connection connection, TimerEvent e, long now, int afterSegments) {
        Armed a = armed.computeIfAbsent(connection, c -> new Armed());
        String name = e.timer().name().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (e.action()) {
            case ARMED -> {
                Map<String, Long> values = new LinkedHashMap<>();
                String reason = armedBecause(e, connection.rttEstimate(), connection.config().profile(), a, values);
                RunEvent.Timer t = new RunEvent.Timer(now, afterSegments, endpoint, name, RunEvent.TimerChange.ARMED,
                        e.deadline(), e.duration(), e.cause(), reason, values);
                a.last.put(e.timer(), t);
                return t;
            }
            case FIRED -> {
                RunEvent.Timer arming = a.last.remove(e.timer());
                long after = arming == null ? 0 : e.deadline() - arming.time();
                Map<String, Long> values = new LinkedHashMap<>(arming == null ? Map.of() : arming.values());
                String reason = firedBecause(e.timer(), arming, after, a, values);
                return new RunEvent.Timer(e.deadline(), afterSegments, endpoint, name, RunEvent.TimerChange.FIRED,
                        e.deadline(), after, e.cause(), reason, values);
            }
            default -> {
                RunEvent.Timer arming = a.last.remove(e.timer());
                if (e.timer() == TcpTimer.PERSIST) {
                    a.probes = 0;
                }
                long ran = arming == null ? 0 : now - arming.time();
                return new RunEvent.Timer(now, afterSegments, endpoint, name, RunEvent.TimerChange.CANCELLED,
                        e.deadline(), ran, e.cause(), "cancelled after " + spoken(ran) + ": " + e.cause(), Map.of());
            }
        }
    }

    private static String armedBecause(TimerEvent e, RttEstimate rtt, Profile profile, Armed a,
            Map<String, Long> values) {
        long d = e.duration();
        return switch (e.timer()) {
            case RETRANSMISSION -> rto(rtt, profile, values);
            case LOSS_PROBE -> {
                values.put("srtt", rtt.srtt());
                values.put("rto", rtt.rto());
                yield "PTO " + spoken(d) + ": about 2·srtt (srtt " + spoken(rtt.srtt()) + "), at most the RTO ("
                        + spoken(rtt.rto()) + ")";
            }
            case PERSIST -> {
                values.put("rto", rtt.rto());
                values.put("backoffs", (long) rtt.backoffs());
                yield "probe the zero window in " + spoken(d) + (rtt.backoffs() == 0 ? " (the RTO)"
                        : " (RTO " + spoken(rtt.base()) + " doubled " + times(rtt.backoffs()) + ")");
            }
            case DELAYED_ACK -> {
                long delay = profile.get(Parameters.DELAYED_ACK);
                long finDelay = profile.get(Parameters.FIN_ACK_DELAY);
                String which = "";
                if (d == delay) {
                    values.put("delayed_ack", delay);
                    which = " (delayed_ack)";
                } else if (d == finDelay) {
                    values.put("fin_ack_delay", finDelay);
                    which = " (fin_ack_delay: a FIN with no data before it)";
                }
                yield "the ACK waits at most " + spoken(d) + " for data to ride on" + which;
            }
            case TIME_WAIT -> {
                values.put("time_wait", profile.get(Parameters.TIME_WAIT));
                yield "TIME-WAIT lasts " + spoken(d) + " (time_wait)";
            }
            case FIN_WAIT_2 -> {
                values.put("fin_timeout", profile.get(Parameters.FIN_TIMEOUT));
                yield "FIN-WAIT-2 of a closed socket lasts at most " + spoken(d) + " (fin_timeout)";
            }
            case REORDERING -> "wait " + spoken(d) + " for reordering before calling a segment lost (RFC 8985 6.3)";
        };
    }

    private static String firedBecause(TcpTimer timer, RunEvent.Timer arming, long after, Armed a,
            Map<String, Long> values) {
        return switch (timer) {
            case RETRANSMISSION -> "RTO fired after " + spoken(after) + (arming == null ? "" : ": " + arming.reason());
            case LOSS_PROBE -> "tail loss probe fired after " + spoken(after) + ": the last segment goes again";
            case PERSIST -> {
                a.probes++;
                values.put("probe", (long) a.probes);
                yield "persist timer fired: window probe " + a.probes + ", after " + spoken(after)
                        + (a.probes > 1 ? " (the interval doubles)" : "");
            }
            case DELAYED_ACK -> "delayed ACK sent after " + spoken(after);
            case TIME_WAIT -> "TIME-WAIT ends (" + spoken(after) + ")";
            case FIN_WAIT_2 -> "FIN-WAIT-2 ends (" + spoken(after) + ", fin_timeout): the connection goes";
            case REORDERING -> "RACK reordering timer fired after " + spoken(after);
        };
    }

    /** How the RTO came to be what it is (RFC 6298 2, 5.5; the profile's rto_min_on_variance). */
    private static String rto(RttEstimate t, Profile profile, Map<String, Long> values) {
        long min = profile.get(Parameters.MIN_RTO);
        String base;
        values.put("rto", t.rto());
        if (!t.sampled()) {
            long initial = profile.get(Parameters.INITIAL_RTO);
            values.put("initial_rto", initial);
            base = t.base() == initial ? spoken(t.base()) + " = initial_rto (no RTT sample yet)"
                    : spoken(t.base()) + " (no RTT sample from the handshake, RFC 6298 5.7)";
        } else {
            values.put("srtt", t.srtt());
            values.put("rttvar", t.rttvar());
            values.put("min_rto", min);
            String terms = profile.get(Parameters.RTO_MIN_ON_VARIANCE)
                    ? "srtt + max(4·rttvar, min_rto) = " + spoken(t.srtt()) + " + max(" + spoken(4 * t.rttvar())
                            + ", " + spoken(min) + ")"
                    : "max(min_rto, srtt + 4·rttvar) = max(" + spoken(min) + ", " + spoken(t.srtt()) + " + "
                            + spoken(4 * t.rttvar()) + ")";
            base = spoken(t.base()) + " = " + terms;
        }
        values.put("backoffs", (long) t.backoffs());
        if (t.backoffs() == 0) {
            return "RTO " + base;
        }
        return "RTO " + spoken(t.rto()) + ": " + base + ", doubled " + times(t.backoffs()) + " (back-off)";
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }
}
