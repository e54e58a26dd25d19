package tcps.report;

import java.io.PrintWriter;
import java.util.Iterator;
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
        List<Captured> capture = result.capture();
        int shown = 0;
        Iterator<Failure> failures = result.failures().iterator();
        Iterator<ScenarioResult.Note> notes = result.notes().iterator();
        Failure failure = failures.hasNext() ? failures.next() : null;
        ScenarioResult.Note note = notes.hasNext() ? notes.next() : null;
        Iterator<ScenarioResult.Event> events = annotate ? result.events().iterator()
                : java.util.Collections.emptyIterator();
        ScenarioResult.Event event = events.hasNext() ? events.next() : null;
        long lastTime = 0;
        while (shown < capture.size() || failure != null || note != null || event != null) {
            if (event != null && (shown == capture.size() && failure == null && note == null
                    || shown < capture.size() && event.time() <= capture.get(shown).time())) {
                long next = shown < capture.size() ? capture.get(shown).time() : -1;
                out.println(Annotation.event(event, event.time() == lastTime || event.time() == next));
                event = events.hasNext() ? events.next() : null;
            } else if (note != null && note.afterSegment() <= shown
                    && (failure == null || note.afterSegment() <= failure.afterSegment())) {
                out.println("note: " + note.text());
                note = notes.hasNext() ? notes.next() : null;
            } else if (failure != null && failure.afterSegment() <= shown) {
                out.print(Excerpt.render(source, failure.span(), "failed", failure.summary(), failure.details()));
                failure = failures.hasNext() ? failures.next() : null;
            } else {
                Captured c = capture.get(shown++);
                lastTime = c.time();
                out.println(printer.line(c.segment(), c.time(), Annotation.corrupted(c)));
                if (annotate && c.fault() != null) {
                    out.println(Annotation.fault(c));
                }
            }
        }
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
