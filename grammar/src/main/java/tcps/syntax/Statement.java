package tcps.syntax;

/** Every statement of the language. Each carries the span of its first token (where carets go). */
public sealed interface Statement {
    Span span();

    // ---- setup -------------------------------------------------------------------------------

    /** {@code stack linux} (endpoint null: every endpoint) or {@code client stack linux}. */
    record Stack(Name endpoint, Name profile, Span span) implements Statement {}

    /** {@code host attacker at 10.0.0.66}: an endpoint beside client and server (port optional). */
    record Host(Name name, Name address, Integer port, Span span) implements Statement {}

    /** {@code client scripted}: declares a puppet endpoint whose segments the script writes. */
    record Scripted(Name endpoint, Span span) implements Statement {}

    /** {@code numbers absolute} / {@code numbers relative}. */
    record Numbers(boolean absolute, Span span) implements Statement {}

    /** {@code client at 127.0.0.1 port 47162} (address or port may be absent, not both). */
    record At(Name endpoint, Name address, Integer port, Span span) implements Statement {}

    /** {@code client isn 934227076}. */
    record Isn(Name endpoint, Expr value, Span span) implements Statement {}

    /** {@code client ts 2756153644}: the endpoint's TCP timestamp clock reads this at time zero. */
    record Ts(Name endpoint, Expr value, Span span) implements Statement {}

    /** {@code link delay 50ms}: the one-way delay of the simulated link. */
    record LinkDelay(Duration delay, Span span) implements Statement {}

    // ---- socket calls on stack endpoints ------------------------------------------------------

    /** {@code server listen}, {@code client connect}, {@code client close}, ... */
    record Call(Name endpoint, CallKind kind, Span span) implements Statement {}

    enum CallKind {
        LISTEN, CONNECT, CLOSE, SHUTDOWN, ABORT;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code client write 13} (count) or {@code client write "foobar\n"} (data); exactly one is set. */
    record Write(Name endpoint, Expr count, Payload data, Span span) implements Statement {}

    /** {@code server read} (count null: everything available) or {@code server read 10}. */
    record Read(Name endpoint, Expr count, Span span) implements Statement {}

    // ---- raw segments from scripted endpoints -------------------------------------------------

    /**
     * {@code client send SYN}, {@code client send [P.] "hello"}, {@code client send RST seq=isn+1}.
     * With {@code from A to B} the segment is forged: it carries A's address as its source
     * ({@code attacker send SYN from client to server seq=1}); either part may be left out.
     */
    record Send(Name endpoint, SegmentSpec segment, Name from, Name to, Span span) implements Statement {}

    // ---- network faults and time --------------------------------------------------------------

    /**
     * A fault armed on the link for the segments that follow, each optionally filtered by direction
     * and flags: {@code drop next}, {@code drop next 2 SYN}, {@code drop 2nd SYN} (only the
     * second matching segment), {@code delay next 200ms}, {@code duplicate next},
     * {@code reorder next 3} (the next three arrive in reverse order), {@code corrupt next}.
     *
     * @param count   how many segments (null: the default, 1; 2 for reorder)
     * @param ordinal for {@code drop 2nd}: which matching segment (null otherwise)
     * @param delay   for {@code delay next D}: the extra delay (null otherwise)
     */
    record Fault(FaultKind kind, Expr count, Expr ordinal, Direction direction, Flags flags, Duration delay,
            Span span) implements Statement {}

    enum FaultKind {
        DROP, DELAY, DUPLICATE, REORDER, CORRUPT;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code link rtt 100ms}: the round-trip time (each way takes half). */
    record LinkRtt(Duration rtt, Span span) implements Statement {}

    /** {@code loss 5%}: each segment is lost with this probability, drawn from the run's seed. */
    record Loss(double percent, Span span) implements Statement {}

    /** {@code wait 60s}. */
    record Wait(Duration duration, Span span) implements Statement {}

    /** {@code wait until client state CLOSED}: runs until it holds (at most 3 virtual minutes). */
    record WaitUntil(Name endpoint, Name state, Span span) implements Statement {}

    /** {@code server stops reading}: the application leaves arriving data unread from now on. */
    record StopsReading(Name endpoint, Span span) implements Statement {}

    /** {@code let guess = probe.seq + 64000}: names a value for later expressions. */
    record Let(Name name, Expr value, Span span) implements Statement {}

    // ---- expectations -------------------------------------------------------------------------

    /**
     * {@code expect [A > B] FLAGS fields... [after D | at +D] [as NAME]}; direction null: the next
     * segment either way; timing null: not checked; binding null: not named.
     */
    record ExpectSegment(Direction direction, SegmentSpec segment, Timing timing, Name binding, Span span)
            implements Statement {}

    /**
     * When an expected segment must be sent: {@code after 1s} (since the previous matched
     * segment was sent) or {@code at +1s} (since the scenario started).
     */
    record Timing(boolean sinceStart, Duration duration, Span span) {}

    /** {@code expect nothing for 10s} (duration) or {@code expect nothing more} (duration null). */
    record ExpectNothing(Duration duration, Span span) implements Statement {}

    /** {@code expect client error ETIMEDOUT}. */
    record ExpectError(Name endpoint, Name error, Span span) implements Statement {}

    /** {@code expect client state ESTABLISHED}. */
    record ExpectState(Name endpoint, Name state, Span span) implements Statement {}
}
