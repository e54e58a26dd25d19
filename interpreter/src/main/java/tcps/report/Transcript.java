package tcps.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tcps.run.Failure;
import tcps.run.RunEvent;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;

/**
 * The reporter {@code tcps run} uses by default: per scenario, the transcript as tcpdump prints
 * it, each failed assertion under the segment it concerns, a note on each socket call that
 * returned an error and on segments nothing expected, and at the end one line
 * {@code N passed, M failed}. With {@code -A} ({@link Annotation}) it also shows, between
 * tcpdump's lines, what faults did and what happened in the stacks.
 */
public final class Transcript implements Reporter {
    private final PrintWriter out;
    private final TcpdumpOptions tcpdump;
    private final boolean annotate;
    private final Tally tally = new Tally();

    private final boolean tcb;

    /** @param annotate also show, between tcpdump's lines, what faults and stacks did (for teaching) */
    public Transcript(PrintWriter out, TcpdumpOptions tcpdump, boolean annotate) {
        this(out, tcpdump, annotate, false);
    }

    /** @param tcb also show, under each segment, the TCB variables of both ends ({@link TcbTable}) */
    public Transcript(PrintWriter out, TcpdumpOptions tcpdump, boolean annotate, boolean tcb) {
        this.out = out;
        this.tcpdump = tcpdump;
        this.annotate = annotate;
        this.tcb = tcb;
    }

    @Override
    public void scenario(ScenarioReport report) {
        ScenarioResult result = report.result();
        tally.begin(out, report, "");
        TcbTable table = tcb ? new TcbTable(Exchange.of(result, tcpdump.absolute(), tcpdump), tcpdump.absolute())
                : null;
        if (table != null) {
            out.println(table.heading());
        }
        // One pass over the events (there are several per segment) for the three kinds read here.
        Map<Integer, RunEvent.SegmentFault> faults = new HashMap<>();
        List<RunEvent.SocketCall> calls = new ArrayList<>();
        List<RunEvent.Warning> warnings = new ArrayList<>();
        for (RunEvent e : result.events()) {
            if (e instanceof RunEvent.SegmentFault f) {
                faults.put(f.segment(), f);
            } else if (e instanceof RunEvent.SocketCall call) {
                calls.add(call);
            } else if (e instanceof RunEvent.Warning w) {
                warnings.add(w);
            }
        }
        TcpdumpPrinter printer = new TcpdumpPrinter(tcpdump);
        List<Line> lines = new ArrayList<>();
        for (Captured c : result.capture()) {
            RunEvent.SegmentFault fault = faults.get(c.index());
            lines.add(new Line(c.time(), Line.SEGMENT, lines.size(), table == null ? () -> segment(printer, c, fault)
                    : () -> segment(printer, c, fault) + table.after(c.index())));
        }
        for (Failure f : result.failures()) {
            String text = Excerpt.render(report.source(), f.span(), "failed", f.summary(), f.details());
            if (f.segment() >= 0) {
                // about one segment: right under its line, whenever it was found
                lines.add(new Line(result.capture().get(f.segment()).time(), Line.SEGMENT, f.segment() + 0.5,
                        () -> text.substring(0, text.length() - 1)));
            } else {
                lines.add(new Line(f.time(), Line.FINDING, lines.size(), () -> text.substring(0, text.length() - 1)));
            }
        }
        for (RunEvent.SocketCall call : calls) {
            if (call.error() != null) {
                String note = "note: " + report.source().name() + ":" + call.at() + ": " + call.endpoint() + " "
                        + call.call() + " returned " + call.error() + " (" + call.error().text() + ")";
                lines.add(new Line(call.time(), Line.FINDING, lines.size(), () -> note));
            }
        }
        if (annotate) {
            Set<Long> sendTimes = new HashSet<>();
            result.capture().forEach(c -> sendTimes.add(c.time()));
            for (RunEvent e : result.events()) {
                String text = e.accept(Annotation.TEXT);
                if (text != null) {
                    boolean beside = sendTimes.contains(e.time());
                    // just before the first segment sent after it, so cause and effect read in order
                    lines.add(new Line(e.time(), Line.SEGMENT, e.afterSegments() - 0.25,
                            () -> Annotation.line(e.time(), text, beside)));
                }
            }
        }
        lines.sort(null);
        lines.forEach(l -> out.println(l.text().get()));
        if (!result.unmatched().isEmpty()) {
            out.println("note: " + segments(result.unmatched()) + " sent but not matched by any expect");
        }
        for (RunEvent.Warning w : warnings) {
            out.println("warning: " + w.at() + ": " + w.text());
        }
        if (result.stoppedEarly()) {
            out.println("note: stopped at the first failure (--fail-fast)");
        }
        tally.add(result);
        out.flush();
    }

    /** The closing line. */
    @Override
    public void finish() {
        tally.close(out);
    }

    /**
     * One line (or block) of the report. Lines go in virtual-time order; at one instant, segments
     * and the stacks' events in the order they happened, then what the script found. A failure
     * about a segment sorts with that segment, just after it.
     */
    private record Line(long time, int rank, double order, Supplier<String> text) implements Comparable<Line> {
        static final int SEGMENT = 1;
        static final int FINDING = 2;

        @Override
        public int compareTo(Line o) {
            int c = Long.compare(time, o.time);
            if (c == 0) {
                c = Integer.compare(rank, o.rank);
            }
            return c != 0 ? c : Double.compare(order, o.order);
        }
    }

    private String segment(TcpdumpPrinter printer, Captured c, RunEvent.SegmentFault fault) {
        boolean corrupted = fault != null && fault.effect() == RunEvent.Effect.CORRUPTED;
        String line = printer.line(c.segment(), c.time(), corrupted);
        return annotate && fault != null ? line + "\n" + Annotation.fault(fault) : line;
    }

    private static String segments(List<Captured> list) {
        if (list.size() > MOST_LISTED) {
            return ranges(list);
        }
        StringBuilder sb = new StringBuilder(list.size() == 1 ? "segment " : "segments ");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(i == list.size() - 1 ? " and " : ", ");
            }
            sb.append(list.get(i).index() + 1);
        }
        return sb.append(list.size() == 1 ? " was" : " were").toString();
    }

    /** Past this many, unmatched segments are listed as runs (an ACK storm leaves a hundred thousand). */
    private static final int MOST_LISTED = 100;

    /** "segments 5 to 100004 were", "segments 3, 7 to 9 and 12 to 80 were": consecutive numbers as runs. */
    private static String ranges(List<Captured> list) {
        List<String> runs = new java.util.ArrayList<>();
        int i = 0;
        while (i < list.size()) {
            int first = list.get(i).index() + 1;
            int last = first;
            while (i + 1 < list.size() && list.get(i + 1).index() + 1 == last + 1) {
                last++;
                i++;
            }
            runs.add(first == last ? String.valueOf(first) : first + " to " + last);
            i++;
        }
        if (runs.size() > MOST_LISTED) {
            runs = new java.util.ArrayList<>(runs.subList(0, MOST_LISTED));
            runs.add("more");
        }
        String joined = runs.size() == 1 ? runs.get(0)
                : String.join(", ", runs.subList(0, runs.size() - 1)) + " and " + runs.get(runs.size() - 1);
        return list.size() + " segments (" + joined + ") were";
    }
}
