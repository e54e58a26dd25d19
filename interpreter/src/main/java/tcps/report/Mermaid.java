package tcps.report;

import java.io.PrintWriter;

/**
 * {@code tcps run --mermaid}: each scenario as a Mermaid {@code sequenceDiagram}, which GitHub,
 * GitLab and most Markdown tools draw, so a scenario's picture can live in a README. Arrows are
 * labelled as on the ladder; a lost segment's arrow ends in a cross; states, timers that fired
 * and errors are notes over their endpoint; failures and the closing line are Mermaid comments
 * ({@code %%}). Several scenarios give one diagram each, one after the other (pick one with
 * {@code --scenario} to paste it).
 */
public final class Mermaid implements Reporter {
    private final PrintWriter out;
    private final TcpdumpOptions tcpdump;
    private final Tally tally = new Tally();

    public Mermaid(PrintWriter out, TcpdumpOptions tcpdump) {
        this.out = out;
        this.tcpdump = tcpdump;
    }

    @Override
    public void scenario(ScenarioReport report) {
        tally.begin(out, report, "%% ");
        Exchange x = Exchange.of(report.result(), tcpdump.absolute(), tcpdump);
        out.println("sequenceDiagram");
        for (String e : x.endpoints) {
            out.println("    participant " + e);
        }
        int next = 0;
        for (Exchange.Arrow a : x.arrows) {
            while (next < x.notes.size() && x.notes.get(next).afterSegments() <= a.index()) {
                note(x, x.notes.get(next++));
            }
            String arrow = a.lost() ? "-x" : "->>";
            String mark = "";
            if (a.fault() != null) {
                mark = switch (a.fault().effect()) {
                    case LOST -> " (lost)";
                    case DUPLICATED -> " (duplicated)";
                    case REORDERED -> " (reordered)";
                    case DELAYED -> " (delayed " + tcps.run.Text.spoken(a.fault().extraDelay()) + ")";
                    case CORRUPTED -> " (corrupted)";
                };
            }
            out.println("    " + a.from() + arrow + a.to() + ": " + escape(a.label() + mark));
        }
        while (next < x.notes.size()) {
            note(x, x.notes.get(next++));
        }
        for (tcps.run.Failure f : report.result().failures()) {
            out.println("%% failed: " + report.source().name() + ":" + f.span() + ": " + f.summary());
        }
        tally.add(report.result());
        out.flush();
    }

    /** Beside the outer participants, on their outer side, as the ladder writes them. */
    private void note(Exchange x, Exchange.Note n) {
        int i = x.endpoints.indexOf(n.endpoint());
        String where = x.endpoints.size() > 1 && i == 0 ? "left of "
                : x.endpoints.size() > 1 && i == x.endpoints.size() - 1 ? "right of " : "over ";
        out.println("    Note " + where + n.endpoint() + ": " + escape(n.text()));
    }

    /** Mermaid ends a message at ';' and reads '#' as the start of an entity. */
    private static String escape(String text) {
        return text.replace("#", "#35;").replace(";", "#59;");
    }

    /** The closing line, as a Mermaid comment so the output stays a diagram. */
    @Override
    public void finish() {
        out.println("%% " + tally);
        out.flush();
    }
}
