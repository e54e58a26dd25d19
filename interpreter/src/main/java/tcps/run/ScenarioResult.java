package tcps.run;

import java.util.List;
import tcps.sim.Captured;

/**
 * What one scenario did: the capture (every segment sent, in order), its failures, how many
 * assertions held, the segments no {@code expect} matched (listed, not failed), and the virtual
 * time at which it ended.
 */
public record ScenarioResult(String name, List<Captured> capture, List<Failure> failures, int passed,
        List<Captured> unmatched, boolean stoppedEarly, long endTime) {
    public ScenarioResult {
        capture = List.copyOf(capture);
        failures = List.copyOf(failures);
        unmatched = List.copyOf(unmatched);
    }

    public int failed() {
        return failures.size();
    }
}
