package tcps.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tcps.run.Failure;
import tcps.run.ScenarioResult;
import tcps.sim.Captured;
import tcps.syntax.Source;

/**
 * What {@code tcps run} prints: per scenario, the transcript as tcpdump prints it, each failed
 * assertion under the segment it concerns, a note on segments nothing expected, and at the
 * end one line {@code N passed, M failed}.
 */
public final class RunReport {
    private final PrintWriter out;
    private final TcpdumpOptions tcpdump;
    private int passed;
    private int failed;
    private int scenarios;

    private final boolean annotate;

    /** @param annotate also show, between tcpdump's lines, what faults and stacks did (for teaching) */
    public RunReport(PrintWriter out, TcpdumpOptions tcpdump, boolean annotate) {
        this.out = out;
        this.tcpdump = tcpdump;
        this.annotate = annotate;
    }

    /**
     * Prints one scenario. {@code header} is the line that introduces it, or null for none (a
     * lone unnamed scenario prints nothing but tcpdump's lines and its findings).
     */
    public void scenario(Source source, ScenarioResult result, String header) {
        if (scenarios++ > 0) {
            out.println();
        }
        if (header != null) {
            out.println(header);
        }
        TcpdumpPrinter printer = new TcpdumpPrinter(tcpdump);
        List<Line> lines = new ArrayList<>();
        for (Captured c : result.capture()) {
            lines.add(new Line(c.time(), Line.SEGMENT, lines.size(), () -> segment(printer, c)));
        }
        for (Failure f : result.failures()) {
            String text = Excerpt.render(source, f.span(), "failed", f.summary(), f.details());
            if (f.segment() >= 0) {
                // about one segment: right under its line, whenever it was found
                lines.add(new Line(result.capture().get(f.segment()).time(), Line.SEGMENT, f.segment() + 0.5,
                        () -> text.substring(0, text.length() - 1)));
            } else {
                lines.add(new Line(f.time(), Line.FINDING, lines.size(), () -> text.substring(0, text.length() - 1)));
            }
        }
        for (ScenarioResult.Note n : result.notes()) {
            lines.add(new Line(n.time(), Line.FINDING, lines.size(), () -> "note: " + n.text()));
        }
        if (annotate) {
            java.util.Set<Long> sendTimes = new java.util.HashSet<>();
            result.capture().forEach(c -> sendTimes.add(c.time()));
            for (ScenarioResult.Event e : result.events()) {
                boolean beside = sendTimes.contains(e.time());
                // just before the first segment sent after it, so cause and effect read in order
                lines.add(new Line(e.time(), Line.SEGMENT, e.afterSegments() - 0.25, () -> Annotation.event(e, beside)));
            }
        }
        lines.sort(null);
        lines.forEach(l -> out.println(l.text().get()));
        if (!result.unmatched().isEmpty()) {
            out.println("note: " + segments(result.unmatched()) + " sent but not matched by any expect");
        }
        if (result.stoppedEarly()) {
            out.println("note: stopped at the first failure (--fail-fast)");
        }
        passed += result.passed();
        failed += result.failed();
        out.flush();
    }

    /** The closing line. */
    public void summary() {
        if (scenarios > 0) {
            out.println();
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
    }

    /**
     * One line (or block) of the report. Lines go in virtual-time order; at one instant, segments
     * and the stacks' events in the order they happened, then what the script found. A failure
     * about a segment sorts with that segment, just after it.
     */
    private record Line(long time, int rank, double order, java.util.function.Supplier<String> text)
            implements Comparable<Line> {
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

    private String segment(TcpdumpPrinter printer, Captured c) {
        String line = printer.line(c.segment(), c.time(), Annotation.corrupted(c));
        return annotate && c.fault() != null ? line + "\n" + Annotation.fault(c) : line;
    }

    public int failed() {
        return failed;
    }

    private static String segments(List<Captured> list) {
        StringBuilder sb = new StringBuilder(list.size() == 1 ? "segment " : "segments ");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(i == list.size() - 1 ? " and " : ", ");
            }
            sb.append(list.get(i).index() + 1);
        }
        return sb.append(list.size() == 1 ? " was" : " were").toString();
    }
}
