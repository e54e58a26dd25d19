package tcps.run;

import tcps.check.ScenarioPlan;
import tcps.syntax.Source;

/** Runs checked scenarios. Each scenario gets its own network, clock and capture. */
public final class Interpreter {
    private Interpreter() {}

    public static ScenarioResult run(ScenarioPlan plan, Source source, RunOptions options) {
        return run(plan, source, options, Evaluation.Observer.NONE);
    }

    /** Runs and tells {@code values} the value of each expression as it is computed. */
    public static ScenarioResult run(ScenarioPlan plan, Source source, RunOptions options, Evaluation.Observer values) {
        return new ScenarioRun(plan, source, options, values).run();
    }
}
