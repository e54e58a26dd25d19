package tcps.run;

import tcps.syntax.Span;
import tcps.tcp.SeqNum;
import tcps.tcp.TcpError;
import tcps.tcp.TcpState;

/**
 * Something that happened during a run, as data: reporters (the tcpdump transcript, {@code -A},
 * JSON, the ladder diagrams) read these and nothing else of the interpreter, so a new report
 * format touches no part of the interpreter.
 *
 * <p>Every event has the virtual time at which it happened (microseconds) and its place among
 * the captured segments: {@code afterSegments} is how many segments had been sent when it
 * happened, which orders it exactly among segments sent at the same instant. Endpoints are
 * named as the script names them ({@code client}, {@code server}); a segment is its index in
 * {@link ScenarioResult#capture()}. Events are listed in the order they happened.
 *
 * <p>A new kind of event is a new record here and a new method of {@link Visitor}, so every
 * reporter fails to compile until it says what to do with it.
 */
public sealed interface RunEvent {
    long time();

    int afterSegments();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of event. */
    interface Visitor<R> {
        R segmentSent(SegmentSent e);

        R segmentFault(SegmentFault e);

        R segmentArrived(SegmentArrived e);

        R stateChanged(StateChanged e);

        R discarded(Discarded e);

        R timer(Timer e);

        R socketCall(SocketCall e);

        R errorSeen(ErrorSeen e);

        R tcbSnapshot(TcbSnapshot e);

        R warning(Warning e);
    }

    /**
     * Segment {@code segment} was put on the wire by {@code from} for {@code to} (names, or the
     * address when no endpoint of the scenario has it).
     *
     * @param scripted the script crafted it ({@code send}), rather than a TCP stack
     */
    record SegmentSent(long time, int afterSegments, int segment, String from, String to, boolean scripted)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.segmentSent(this);
        }
    }

    /** What a link fault does to a segment. */
    enum Effect {
        /** Lost on the way: it never arrives. */
        LOST,
        /** Arrives {@code extraDelay} later than the link delay alone. */
        DELAYED,
        /** Arrives twice. */
        DUPLICATED,
        /** Held back: later segments overtake it. */
        REORDERED,
        /** Arrives with a bad checksum: the receiver discards it. */
        CORRUPTED
    }

    /**
     * A link fault took segment {@code segment} as it was sent.
     *
     * @param extraDelay for {@link Effect#DELAYED}, how much later it arrives (µs); else 0
     * @param origin     the statement that armed the fault ({@code `drop next` at line 5}), or
     *                   {@code loss} for random loss
     */
    record SegmentFault(long time, int afterSegments, int segment, Effect effect, long extraDelay, String origin)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.segmentFault(this);
        }
    }

    /** How an arrival went. */
    enum Arrival {
        /** Handed to the destination (which may still discard it: see {@link Discarded}). */
        DELIVERED,
        /** Its checksum was wrong: the receiver dropped it unseen. */
        CORRUPTED,
        /** No endpoint lives at its destination address. */
        UNDELIVERABLE
    }

    /** Segment {@code segment} reached its destination (twice if the network duplicated it). */
    record SegmentArrived(long time, int afterSegments, int segment, String to, Arrival arrival) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.segmentArrived(this);
        }
    }

    /** {@code endpoint}'s connection (or listener) went from one state to another. {@code peer}
     * names the other end of that connection (null for a listener), so two connections of one
     * endpoint are told apart (an attacker's own probe and the connection it forges). */
    record StateChanged(long time, int afterSegments, String endpoint, String peer, TcpState from, TcpState to)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.stateChanged(this);
        }
    }

    /**
     * {@code endpoint} dropped a segment that reached it, by the rule of {@code rfcSection}.
     *
     * @param segment the captured segment's index, or -1 if it was not one the link carried
     * @param from    who sent it
     * @param flags   its flags ({@link tcps.tcp.TcpFlags})
     */
    record Discarded(long time, int afterSegments, String endpoint, String from, int segment, int flags, String reason,
            String rfcSection) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.discarded(this);
        }
    }

    /** What happened to a timer. */
    enum TimerChange {
        ARMED, FIRED, CANCELLED
    }

    /**
     * A timer of {@code endpoint}'s connection was armed (or restarted), fired or cancelled. A
     * timer that fires does so at its deadline, which is then this event's time.
     *
     * @param timer    which one: {@code retransmission}, {@code loss-probe}, {@code persist},
     *                 {@code delayed-ack}, {@code time-wait}, {@code fin-wait-2}, {@code reordering}
     * @param deadline when it is (was, would have been) due, µs of virtual time
     * @param duration armed: how long from now it runs; fired: how long it ran; cancelled: how
     *                 long it had run (µs)
     * @param cause    the model's few words for why it was armed or cancelled
     *                 ({@code data sent (RFC 8985 7.2)})
     * @param reason   why, in words, with the values it was computed from
     *                 ({@code RTO 1 s = initial_rto (no RTT sample yet)}); for a timer that fired,
     *                 how long it ran and why it was set so
     * @param values   those values by name, µs except the counts {@code backoffs} and {@code probe}
     *                 ({@code rto}, {@code srtt}, {@code rttvar}, {@code min_rto}, {@code initial_rto},
     *                 {@code backoffs}, {@code delayed_ack}, {@code time_wait}, {@code fin_timeout})
     */
    record Timer(long time, int afterSegments, String endpoint, String timer, TimerChange change, long deadline,
            long duration, String cause, String reason, java.util.Map<String, Long> values) implements RunEvent {
        public Timer {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.timer(this);
        }
    }

    /**
     * The script made a socket call ({@code client connect}, {@code server close}, {@code client
     * write 13}, {@code server read}) and it returned.
     *
     * @param at       where the statement is
     * @param error    the error it returned, as errno would be, or null when it succeeded
     * @param returned what it returned, in words ({@code 0}, {@code 13 bytes}, or the error's name)
     */
    record SocketCall(long time, int afterSegments, String endpoint, String call, Span at, TcpError error,
            String returned) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.socketCall(this);
        }
    }

    /** {@code endpoint}'s application learned of a failure outside any call (a reset, a timeout). */
    record ErrorSeen(long time, int afterSegments, String endpoint, TcpError error) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.errorSeen(this);
        }
    }

    /** When a {@link TcbSnapshot} was taken. */
    enum Moment {
        /** As segment {@code segment} went on the wire (its sender had already done its part). */
        SENT,
        /** Once segment {@code segment} arrived and its receiver processed it. */
        ARRIVED
    }

    /**
     * The TCB variables of {@code endpoint}'s connection (RFC 9293 3.3.1) at a {@link Moment} of
     * segment {@code segment}; every endpoint that runs a TCP stack and has a connection is shown,
     * whichever end the segment was for. Segments a host sends in one go share the moment it sent
     * them. Sequence numbers are absolute; reporters make them relative. {@code irs} and
     * {@code rcvNxt} are null before the peer's SYN arrived.
     *
     * @param rto  the retransmission timeout the timer would start with now (µs)
     * @param cwnd the congestion window in bytes (RFC 5681), or -1 when the profile has none
     */
    record TcbSnapshot(long time, int afterSegments, int segment, Moment moment, String endpoint, TcpState state,
            SeqNum iss,
            SeqNum irs, SeqNum sndUna, SeqNum sndNxt, long sndWnd, SeqNum rcvNxt, long rcvWnd, long rto, long cwnd)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.tcbSnapshot(this);
        }
    }

    /**
     * Something the script most likely did not mean, found by the end of the run, such as a fault
     * whose filter never matched a segment.
     *
     * @param at where the statement is, {@code file:line:col}
     */
    record Warning(long time, int afterSegments, String at, String text) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.warning(this);
        }
    }
}
