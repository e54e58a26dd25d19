package tcps.report;

import tcps.run.ScenarioResult;
import tcps.sim.Captured;
import tcps.sim.Fault;
import tcps.syntax.Duration;

/**
 * The lines the annotated transcript ({@code tcps run -A}) puts between tcpdump's: what a link
 * fault did to the segment above, and what happened inside the stacks (state changes at either
 * end, discarded segments with the rule that discarded them, errors the application saw).
 * They are indented under tcpdump's text so the tcpdump lines stay as tcpdump prints them.
 */
final class Annotation {
    private static final String INDENT = " ".repeat(16) + "| ";

    private Annotation() {}

    static boolean corrupted(Captured c) {
        return c.fault() != null && c.fault().action() instanceof Fault.Action.Corrupt;
    }

    static String fault(Captured c) {
        Fault f = c.fault();
        Fault.Action a = f.action();
        String what;
        if (a instanceof Fault.Action.Drop) {
            what = "lost on the way";
        } else if (a instanceof Fault.Action.Delay d) {
            what = "delayed " + Duration.format(d.extra()) + " on the way";
        } else if (a instanceof Fault.Action.Duplicate) {
            what = "duplicated by the network: it arrives twice";
        } else if (a instanceof Fault.Action.Reorder) {
            what = "held back: later segments overtake it";
        } else {
            what = "corrupted on the way: the receiver discards it (bad checksum)";
        }
        return INDENT + "^ " + what + " (" + f.origin() + ")";
    }

    /** An event; its time is shown unless a segment line beside it has the same time. */
    static String event(ScenarioResult.Event e, boolean timeShownBeside) {
        if (timeShownBeside) {
            return INDENT + e.text();
        }
        long s = e.time() / 1_000_000;
        return INDENT + String.format("at %02d:%02d:%02d.%06d ", s / 3600 % 24, s / 60 % 60, s % 60,
                e.time() % 1_000_000) + e.text();
    }
}
