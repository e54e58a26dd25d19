package tcps.report;

/**
 * What {@code tcps run} shows of a run, in one format: the tcpdump transcript, JSON, a ladder
 * diagram. A reporter reads each scenario's {@link tcps.run.ScenarioResult} (data, not text) as
 * the scenario ends, and writes what it writes; a new format is a new reporter and touches
 * neither the interpreter nor the other reporters.
 */
public interface Reporter {
    /** A scenario has run. */
    void scenario(ScenarioReport scenario);

    /** Every scenario has run (the transcript prints its closing line here). */
    void finish();
}
