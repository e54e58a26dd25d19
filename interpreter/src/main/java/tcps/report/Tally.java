package tcps.report;

import java.io.PrintWriter;
import tcps.run.ScenarioResult;

/**
 * The assertions that held and failed over every scenario of a run: the closing line's numbers;
 * and, for the text reports, the blank line between scenarios, each one's header and the close.
 */
final class Tally {
    private int passed;
    private int failed;
    private int scenarios;

    /**
     * Begins a scenario's part of a text report: a blank line after the scenario before, then
     * its header, if any, after {@code prefix}.
     */
    void begin(PrintWriter out, ScenarioReport report, String prefix) {
        if (scenarios++ > 0) {
            out.println();
        }
        String header = report.header();
        if (header != null) {
            out.println(prefix + header);
        }
    }

    /** Closes a text report: a blank line if any scenario began, then {@code N passed, M failed}. */
    void close(PrintWriter out) {
        if (scenarios > 0) {
            out.println();
        }
        out.println(this);
        out.flush();
    }

    void add(ScenarioResult result) {
        passed += result.passed();
        failed += result.failed();
    }

    boolean anyFailed() {
        return failed > 0;
    }

    /** {@code N passed, M failed}, as every report closes. */
    @Override
    public String toString() {
        return passed + " passed, " + failed + " failed";
    }
}
