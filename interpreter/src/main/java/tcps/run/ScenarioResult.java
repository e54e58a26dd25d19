package tcps.run;

import java.util.List;
import tcps.sim.Captured;
import tcps.tcp.TcpAddress;

/**
 * What one scenario did, as data for reporters: its endpoints, the capture (every segment sent,
 * in order), everything that happened in the order it happened ({@link RunEvent}: segments sent
 * and arrived, link faults, state changes, discards, timers, socket calls, errors, TCB
 * variables), its failures, how many assertions held, the segments no {@code expect} matched
 * (listed, not failed), the virtual time at which it ended, and how many segments were sent.
 * A run without details ({@link RunOptions#detailed()}) keeps no events but socket calls, and may
 * keep fewer segments in its capture than {@code sent}.
 */
public record ScenarioResult(String name, List<Endpoint> endpoints, List<Captured> capture, List<RunEvent> events,
        List<Failure> failures, int passed, List<Captured> unmatched, boolean stoppedEarly, long endTime, int sent) {
    public ScenarioResult {
        endpoints = List.copyOf(endpoints);
        capture = List.copyOf(capture);
        events = List.copyOf(events);
        failures = List.copyOf(failures);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * An endpoint of the scenario, in the order the scenario declares them (the client first).
     *
     * @param scripted the script writes its segments, rather than a TCP stack
     * @param profile  the stack's profile name, or null for a scripted endpoint
     */
    public record Endpoint(String name, TcpAddress address, boolean scripted, String profile) {}

    public int failed() {
        return failures.size();
    }

    /** The events of one type, in order. */
    public <E extends RunEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
