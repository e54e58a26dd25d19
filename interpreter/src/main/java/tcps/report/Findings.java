package tcps.report;

import java.io.PrintWriter;
import tcps.run.Failure;
import tcps.run.ScenarioResult;

/**
 * The reporter of {@code tcps run --quiet}: no transcript, only what the scripts found (each
 * failed assertion at its file:line:col with its excerpt) and the closing line
 * {@code N passed, M failed}. For running many scenarios, or long ones, where only the verdict
 * matters: nothing is formatted that nobody reads.
 */
public final class Findings implements Reporter {
    private final PrintWriter out;
    private final Tally tally = new Tally();
    private boolean printed;

    public Findings(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void scenario(ScenarioReport report) {
        ScenarioResult result = report.result();
        for (Failure f : result.failures()) {
            out.print(Excerpt.render(report.source(), f.span(), "failed", f.summary(), f.details()));
            printed = true;
        }
        if (result.stoppedEarly()) {
            out.println("note: stopped at the first failure (--fail-fast)");
            printed = true;
        }
        tally.add(result);
        out.flush();
    }

    @Override
    public void finish() {
        if (printed) {
            out.println();
        }
        out.println(tally);
        out.flush();
    }
}
