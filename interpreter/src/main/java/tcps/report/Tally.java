package tcps.report;

import tcps.run.ScenarioResult;

/** The assertions that held and failed over every scenario of a run: the closing line's numbers. */
final class Tally {
    private int passed;
    private int failed;

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
