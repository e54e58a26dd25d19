package tcps.syntax;

/** Every statement of the language. Each carries the span of its first token (where carets go). */
public sealed interface Statement {
    Span span();

    // ---- setup -------------------------------------------------------------------------------

    /** {@code stack linux} (endpoint null: every endpoint) or {@code client stack linux}. */
    record Stack(Name endpoint, Name profile, Span span) implements Statement {}

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

    /** {@code client send SYN}, {@code client send [P.] "hello"}, {@code client send RST seq=isn+1}. */
    record Send(Name endpoint, SegmentSpec segment, Span span) implements Statement {}

    // ---- network faults and time --------------------------------------------------------------

    /**
     * {@code drop next}, {@code drop next 2}, {@code drop next server > client},
     * {@code drop next 2 SYN}: drops the next {@code count} segments (default 1) that match the
     * optional direction and flags. Null parts are unconstrained.
     */
    record Drop(Expr count, Direction direction, Flags flags, Span span) implements Statement {}

    /** {@code wait 60s}. */
    record Wait(Duration duration, Span span) implements Statement {}

    // ---- expectations -------------------------------------------------------------------------

    /** {@code expect [A > B] FLAGS fields...}; direction null: the next segment either way. */
    record ExpectSegment(Direction direction, SegmentSpec segment, Span span) implements Statement {}

    /** {@code expect client state ESTABLISHED}. */
    record ExpectState(Name endpoint, Name state, Span span) implements Statement {}
}
