package tcps.report;

import tcps.run.RunEvent;
import tcps.syntax.Duration;
import tcps.tcp.TcpFlags;

/**
 * The lines the annotated transcript ({@code tcps run -A}) puts between tcpdump's: what a link
 * fault did to the segment above, and what happened inside the stacks (state changes at either
 * end, discarded segments with the rule that discarded them, errors the application saw).
 * They are indented under tcpdump's text so the tcpdump lines stay as tcpdump prints them.
 */
final class Annotation {
    private static final String INDENT = " ".repeat(16) + "| ";

    private Annotation() {}

    /** What a link fault did to the segment printed above it. */
    static String fault(RunEvent.SegmentFault f) {
        String what = switch (f.effect()) {
            case LOST -> "lost on the way";
            case DELAYED -> "delayed " + Duration.format(f.extraDelay()) + " on the way";
            case DUPLICATED -> "duplicated by the network: it arrives twice";
            case REORDERED -> "held back: later segments overtake it";
            case CORRUPTED -> "corrupted on the way: the receiver discards it (bad checksum)";
        };
        return INDENT + "^ " + what + " (" + f.origin() + ")";
    }

    /** An annotation line; its time is shown unless a segment line beside it has the same time. */
    static String line(long time, String text, boolean timeShownBeside) {
        if (timeShownBeside) {
            return INDENT + text;
        }
        long s = time / 1_000_000;
        return INDENT + String.format("at %02d:%02d:%02d.%06d ", s / 3600 % 24, s / 60 % 60, s % 60,
                time % 1_000_000) + text;
    }

    /**
     * The words of an event that happened inside a stack, or null for events the annotated
     * transcript does not show between the lines (segments and their faults have lines of their
     * own; socket calls that failed are notes).
     */
    static final RunEvent.Visitor<String> TEXT = new RunEvent.Visitor<>() {
        @Override
        public String segmentSent(RunEvent.SegmentSent e) {
            return null;
        }

        @Override
        public String segmentFault(RunEvent.SegmentFault e) {
            return null;
        }

        @Override
        public String segmentArrived(RunEvent.SegmentArrived e) {
            return null;
        }

        @Override
        public String stateChanged(RunEvent.StateChanged e) {
            return e.endpoint() + " " + e.from() + " -> " + e.to();
        }

        @Override
        public String discarded(RunEvent.Discarded e) {
            return e.endpoint() + " discards [" + TcpFlags.tcpdump(e.flags()) + "] from " + e.from() + ": "
                    + e.reason() + " (" + e.rfcSection() + ")";
        }

        @Override
        public String timer(RunEvent.Timer e) {
            // Timers that fire explain what follows; arming and cancelling are in the JSON.
            return e.change() == RunEvent.TimerChange.FIRED ? e.endpoint() + " " + e.reason() : null;
        }

        @Override
        public String socketCall(RunEvent.SocketCall e) {
            return null;
        }

        @Override
        public String errorSeen(RunEvent.ErrorSeen e) {
            return e.endpoint() + " sees " + e.error() + " (" + e.error().text() + ")";
        }

        @Override
        public String tcbSnapshot(RunEvent.TcbSnapshot e) {
            return null;
        }

        @Override
        public String warning(RunEvent.Warning e) {
            return null; // printed in every mode, after the transcript
        }
    };
}
