package tcps.report;

import tcps.run.ScenarioResult;
import tcps.syntax.Source;

/**
 * One scenario's result with where it comes from, as reporters get it.
 *
 * @param source       the script
 * @param line         the line its {@code scenario} block starts on (1 for a file that is one
 *                     unnamed scenario)
 * @param severalFiles whether the run has more than one file (the transcript then names each)
 */
public record ScenarioReport(Source source, ScenarioResult result, int line, boolean severalFiles) {
    /**
     * The line that introduces the scenario in a transcript, or null for none (a lone unnamed
     * scenario prints nothing but tcpdump's lines and its findings).
     */
    public String header() {
        String where = source.name() + ":" + line;
        if (result.name() != null) {
            return "== scenario \"" + result.name() + "\" (" + where + ")";
        }
        return severalFiles ? "== " + source.name() : null;
    }
}
