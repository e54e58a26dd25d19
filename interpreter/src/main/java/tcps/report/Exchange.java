package tcps.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcps.run.RunEvent;
import tcps.run.ScenarioResult;
import tcps.run.Text;
import tcps.sim.Captured;
import tcps.tcp.Segment;
import tcps.tcp.SeqNum;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpFlags;

/**
 * One scenario's segments as the diagrams draw them (ladder, Mermaid, SVG, HTML): who sent each
 * to whom, when it left and when it arrived (or that it was lost), what a fault did to it, its
 * label in relative numbers ({@code [P.] seq 1:14 ack 1}), its tcpdump line, and the TCB
 * variables of both ends before and after it; and beside them, the things that happened at
 * one end: state changes, timers that fired, errors. Built from the result's events alone.
 */
final class Exchange {
    /** One segment. {@code arrival} is -1 for a segment that never arrived. */
    record Arrow(int index, long sent, long arrival, String from, String to, Segment segment, String label,
            String tcpdump, RunEvent.SegmentFault fault, boolean corruptedOnArrival,
            Map<String, RunEvent.TcbSnapshot> before, Map<String, RunEvent.TcbSnapshot> after) {
        boolean lost() {
            return arrival < 0;
        }
    }

    /** Something that happened at one endpoint, written in its column. */
    record Note(long time, int afterSegments, String endpoint, String text, Kind kind) {
        enum Kind { STATE, TIMER, ERROR, CALL }
    }

    final ScenarioResult result;
    final List<String> endpoints = new ArrayList<>();
    final List<Arrow> arrows = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();

    private Exchange(ScenarioResult result) {
        this.result = result;
    }

    /**
     * @param absolute    label with absolute sequence numbers ({@code -S}), else relative to each
     *                    side's ISN, as scripts count
     * @param tcpdump     how the tcpdump lines read ({@code -S}, {@code -n}, {@code -t})
     */
    static Exchange of(ScenarioResult result, boolean absolute, TcpdumpOptions tcpdump) {
        Exchange x = new Exchange(result);
        result.endpoints().forEach(e -> x.endpoints.add(e.name()));
        Map<Integer, RunEvent.SegmentSent> sent = new HashMap<>();
        Map<Integer, RunEvent.SegmentFault> faults = new HashMap<>();
        Map<Integer, Long> arrivals = new HashMap<>();
        Map<Integer, Boolean> corrupted = new HashMap<>();
        Map<Integer, Map<String, RunEvent.TcbSnapshot>> atSend = new HashMap<>();
        Map<Integer, Map<String, RunEvent.TcbSnapshot>> atArrival = new HashMap<>();
        for (RunEvent e : result.events()) {
            if (e instanceof RunEvent.SegmentSent s) {
                sent.put(s.segment(), s);
            } else if (e instanceof RunEvent.SegmentFault f) {
                faults.put(f.segment(), f);
            } else if (e instanceof RunEvent.SegmentArrived a) {
                arrivals.put(a.segment(), a.time());
                corrupted.put(a.segment(), a.arrival() == RunEvent.Arrival.CORRUPTED);
            } else if (e instanceof RunEvent.TcbSnapshot t) {
                (t.moment() == RunEvent.Moment.SENT ? atSend : atArrival)
                        .computeIfAbsent(t.segment(), k -> new LinkedHashMap<>()).put(t.endpoint(), t);
            }
        }
        for (RunEvent e : result.events()) {
            String text = e.accept(NOTES);
            if (text != null) {
                x.notes.add(new Note(e.time(), e.afterSegments(), endpointOf(e), text, kindOf(e)));
            }
        }
        TcpdumpPrinter printer = new TcpdumpPrinter(tcpdump);
        Spaces spaces = new Spaces();
        Map<String, RunEvent.TcbSnapshot> latest = new LinkedHashMap<>();
        for (Captured c : result.capture()) {
            int i = c.index();
            RunEvent.SegmentFault fault = faults.get(i);
            boolean corrupt = fault != null && fault.effect() == RunEvent.Effect.CORRUPTED;
            String line = printer.line(c.segment(), c.time(), corrupt);
            String label = spaces.label(c.segment(), absolute);
            RunEvent.SegmentSent s = sent.get(i);
            Map<String, RunEvent.TcbSnapshot> before = new LinkedHashMap<>(latest);
            atSend.getOrDefault(i, Map.of()).forEach(before::putIfAbsent);
            Map<String, RunEvent.TcbSnapshot> after = new LinkedHashMap<>(before);
            after.putAll(atArrival.getOrDefault(i, atSend.getOrDefault(i, Map.of())));
            latest.putAll(after);
            x.arrows.add(new Arrow(i, c.time(), arrivals.getOrDefault(i, -1L), s.from(), s.to(), c.segment(), label,
                    line, fault, corrupted.getOrDefault(i, false), before, after));
        }
        return x;
    }

    private static String endpointOf(RunEvent e) {
        if (e instanceof RunEvent.StateChanged s) {
            return s.endpoint();
        } else if (e instanceof RunEvent.Timer t) {
            return t.endpoint();
        } else if (e instanceof RunEvent.ErrorSeen r) {
            return r.endpoint();
        }
        return ((RunEvent.SocketCall) e).endpoint();
    }

    private static Note.Kind kindOf(RunEvent e) {
        if (e instanceof RunEvent.StateChanged) {
            return Note.Kind.STATE;
        } else if (e instanceof RunEvent.Timer) {
            return Note.Kind.TIMER;
        } else if (e instanceof RunEvent.ErrorSeen) {
            return Note.Kind.ERROR;
        }
        return Note.Kind.CALL;
    }

    /** What the diagrams write in an endpoint's column, or null for events they do not show there. */
    private static final RunEvent.Visitor<String> NOTES = new RunEvent.Visitor<>() {
        @Override
        public String segmentSent(RunEvent.SegmentSent e) {
            return null;
        }

        @Override
        public String segmentFault(RunEvent.SegmentFault e) {
            return null;
        }

        @Override
        public String segmentArrived(RunEvent.SegmentArrived e) {
            return null;
        }

        @Override
        public String stateChanged(RunEvent.StateChanged e) {
            return e.to().toString();
        }

        @Override
        public String discarded(RunEvent.Discarded e) {
            return null;
        }

        @Override
        public String timer(RunEvent.Timer e) {
            if (e.change() != RunEvent.TimerChange.FIRED) {
                return null;
            }
            return switch (e.timer()) {
                case "retransmission" -> "RTO " + Text.spoken(e.duration());
                case "loss-probe" -> "loss probe";
                case "persist" -> "persist " + e.values().getOrDefault("probe", 0L);
                case "delayed-ack" -> "delayed ACK " + Text.spoken(e.duration());
                case "time-wait" -> "TIME-WAIT ends";
                case "fin-wait-2" -> "FIN-WAIT-2 ends";
                default -> e.timer() + " timer";
            };
        }

        @Override
        public String socketCall(RunEvent.SocketCall e) {
            return e.error() == null ? null : e.call() + ": " + e.error();
        }

        @Override
        public String errorSeen(RunEvent.ErrorSeen e) {
            return e.error().toString();
        }

        @Override
        public String tcbSnapshot(RunEvent.TcbSnapshot e) {
            return null;
        }

        @Override
        public String warning(RunEvent.Warning e) {
            return null; // about the script, not about an endpoint
        }
    };

    /**
     * Each side's sequence space: the ISN is the seq of the last SYN it sent (else its first
     * segment's seq), so numbers read as scripts count them, from 0.
     */
    static final class Spaces {
        private final Map<TcpAddress, SeqNum> isn = new HashMap<>();

        String label(Segment s, boolean absolute) {
            if (s.has(TcpFlags.SYN) || !isn.containsKey(s.src())) {
                isn.put(s.src(), s.seq());
            }
            if (s.has(TcpFlags.ACK) && !isn.containsKey(s.dst())) {
                isn.put(s.dst(), s.ack().minus(1));
            }
            StringBuilder sb = new StringBuilder("[").append(TcpFlags.tcpdump(s.flags())).append(']');
            long seq = absolute ? s.seq().value() : s.seq().offsetFrom(isn.get(s.src()));
            boolean ackOnly = s.length() == 0 && s.seqLength() == 0 && s.has(TcpFlags.ACK)
                    && !s.has(TcpFlags.RST);
            if (s.length() > 0) {
                sb.append(" seq ").append(seq).append(':').append(Long.toUnsignedString((seq + s.length()) & 0xffffffffL));
            } else if (!ackOnly) {
                sb.append(" seq ").append(seq);
            }
            if (s.has(TcpFlags.ACK)) {
                long ack = absolute ? s.ack().value() : s.ack().offsetFrom(isn.get(s.dst()));
                sb.append(" ack ").append(ack);
            }
            if (s.length() > 0) {
                sb.append(" len ").append(s.length());
            }
            return sb.toString();
        }

        /** {@code n} relative to {@code side}'s ISN, or absolute if its ISN is not known. */
        long relative(TcpAddress side, SeqNum n) {
            SeqNum base = isn.get(side);
            return base == null ? n.value() : n.offsetFrom(base);
        }
    }
}
