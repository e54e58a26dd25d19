package tcps.report;

import java.util.List;

/** Several reporters as one: standard output's view and the files asked for, in that order. */
public final class Reporters implements Reporter {
    private final List<Reporter> all;

    public Reporters(List<Reporter> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void scenario(ScenarioReport scenario) {
        all.forEach(r -> r.scenario(scenario));
    }

    @Override
    public void finish() {
        all.forEach(Reporter::finish);
    }
}
