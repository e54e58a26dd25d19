package tcps.run;

import tcps.check.ScenarioPlan;
import tcps.syntax.Source;

/** Runs checked scenarios. Each scenario gets its own network, clock and capture. */
public final class Interpreter {
    private Interpreter() {}

    public static ScenarioResult run(ScenarioPlan plan, Source source, RunOptions options) {
        return new ScenarioRun(plan, source, options).run();
    }
}
