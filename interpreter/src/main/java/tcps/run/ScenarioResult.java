package tcps.run;

import java.util.List;
import tcps.sim.Captured;

/**
 * What one scenario did: the capture (every segment sent, in order), its failures, how many
 * assertions held, notes, the segments no {@code expect} matched (listed, not failed), and the virtual
 * time at which it ended.
 */
public record ScenarioResult(String name, List<Captured> capture, List<Failure> failures, List<Note> notes,
        List<Event> events, int passed, List<Captured> unmatched, boolean stoppedEarly, long endTime) {
    public ScenarioResult {
        capture = List.copyOf(capture);
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
        events = List.copyOf(events);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * What happened inside the stacks, for the annotated transcript: a state change, a discarded
     * segment and the rule that discarded it, an error the application saw. {@code afterSegments}
     * is how many segments had been sent when it happened, which places it among them exactly.
     */
    public record Event(long time, int afterSegments, String text) {}

    /**
     * Something worth knowing that is not a failure, such as a socket call that returned an
     * error (as a real call returns errno; {@code expect client error E} checks it).
     */
    public record Note(String text, long time) {}

    public int failed() {
        return failures.size();
    }
}
