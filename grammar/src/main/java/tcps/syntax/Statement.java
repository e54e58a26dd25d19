package tcps.syntax;

import java.util.List;

/**
 * Every statement of the language, in three groups: {@link Setup} (the world the scenario runs
 * in), {@link Action} (what happens) and {@link Expectation} (what is checked). Each carries the
 * span of its first token (where carets go). {@link Compound} statements (a repeat, a macro's
 * expansion) hold statements of all three.
 *
 * <p>Every pass over statements (the checker, the interpreter, the formatter) implements
 * {@link Visitor}, which has one method per statement kind, so a new statement does not compile
 * until each pass says what it does with it. To add a statement: add its record here, in its
 * group's {@code permits} list, a method for it in that group's visitor, and its
 * {@code accept}; then follow the compiler's errors through every pass
 * (docs/language.md, "Adding a statement").
 */
public sealed interface Statement permits Statement.Setup, Statement.Action, Statement.Expectation,
        Statement.Compound, Statement.Erroneous {
    Span span();

    /** Calls the visitor's method for this kind of statement. */
    <R> R accept(Visitor<R> visitor);

    /** A pass over every kind of statement: one method per kind, checked by the compiler. */
    interface Visitor<R> extends SetupVisitor<R>, ActionVisitor<R>, ExpectationVisitor<R>, CompoundVisitor<R>,
            ErroneousVisitor<R> {}

    /** Setup: where the endpoints are and what they run; before the first action (link settings may follow). */
    sealed interface Setup extends Statement permits Stack, Host, Scripted, Numbers, At, Isn, Ts, LinkDelay, LinkRtt,
            Loss, UnmatchedFail {
        <R> R accept(SetupVisitor<R> visitor);

        @Override
        default <R> R accept(Visitor<R> visitor) {
            return accept((SetupVisitor<R>) visitor);
        }
    }

    /** Actions: socket calls, crafted segments, faults, time passing, names for values. */
    sealed interface Action extends Statement permits Call, SetSockOpt, Write, Read, StopsReading, Send, Fault, Wait, WaitUntil,
            Let {
        <R> R accept(ActionVisitor<R> visitor);

        @Override
        default <R> R accept(Visitor<R> visitor) {
            return accept((ActionVisitor<R>) visitor);
        }
    }

    /** Expectations: what the script checks about segments, states and errors. */
    sealed interface Expectation extends Statement permits ExpectSegment, ExpectNothing, ExpectError, ExpectState,
            ExpectRead, ExpectReadable,
            ExpectValue {
        <R> R accept(ExpectationVisitor<R> visitor);

        @Override
        default <R> R accept(Visitor<R> visitor) {
            return accept((ExpectationVisitor<R>) visitor);
        }
    }

    /** Statements that hold statements: {@code repeat}, and the expansion of a macro call. */
    sealed interface Compound extends Statement permits Repeat, RepeatUntil, Expansion {
        <R> R accept(CompoundVisitor<R> visitor);

        List<Statement> body();

        @Override
        default <R> R accept(Visitor<R> visitor) {
            return accept((CompoundVisitor<R>) visitor);
        }
    }

    /**
     * A statement that did not parse, or did not build: it stands in the tree only so that the
     * checker can go on with the rest of the file and its line. It never runs (a file with one is
     * not run).
     */
    sealed interface Erroneous extends Statement permits Broken {
        <R> R accept(ErroneousVisitor<R> visitor);

        @Override
        default <R> R accept(Visitor<R> visitor) {
            return accept((ErroneousVisitor<R>) visitor);
        }
    }

    interface SetupVisitor<R> {
        R visitStack(Stack s);

        R visitHost(Host s);

        R visitScripted(Scripted s);

        R visitNumbers(Numbers s);

        R visitAt(At s);

        R visitIsn(Isn s);

        R visitTs(Ts s);

        R visitLinkDelay(LinkDelay s);

        R visitLinkRtt(LinkRtt s);

        R visitLoss(Loss s);

        R visitUnmatchedFail(UnmatchedFail s);
    }

    interface ActionVisitor<R> {
        R visitCall(Call s);

        R visitSetSockOpt(SetSockOpt s);

        R visitWrite(Write s);

        R visitRead(Read s);

        R visitStopsReading(StopsReading s);

        R visitSend(Send s);

        R visitFault(Fault s);

        R visitWait(Wait s);

        R visitWaitUntil(WaitUntil s);

        R visitLet(Let s);
    }

    interface ExpectationVisitor<R> {
        R visitExpectSegment(ExpectSegment s);

        R visitExpectNothing(ExpectNothing s);

        R visitExpectError(ExpectError s);

        R visitExpectState(ExpectState s);

        R visitExpectRead(ExpectRead s);

        R visitExpectReadable(ExpectReadable s);

        R visitExpectValue(ExpectValue s);
    }

    interface CompoundVisitor<R> {
        R visitRepeat(Repeat s);

        R visitRepeatUntil(RepeatUntil s);

        R visitExpansion(Expansion s);
    }

    interface ErroneousVisitor<R> {
        R visitBroken(Broken s);
    }

    // ---- setup -------------------------------------------------------------------------------

    /** {@code stack linux} (endpoint null: every endpoint) or {@code client stack linux}. */
    record Stack(Name endpoint, Name profile, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitStack(this);
        }
    }

    /** {@code host attacker at 10.0.0.66}: an endpoint beside client and server (port optional). */
    record Host(Name name, Name address, Integer port, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitHost(this);
        }
    }

    /** {@code client scripted}: declares a puppet endpoint whose segments the script writes. */
    record Scripted(Name endpoint, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitScripted(this);
        }
    }

    /** {@code numbers absolute} / {@code numbers relative}. */
    record Numbers(boolean absolute, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitNumbers(this);
        }
    }

    /** {@code client at 127.0.0.1 port 47162} (address or port may be absent, not both). */
    record At(Name endpoint, Name address, Integer port, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitAt(this);
        }
    }

    /** {@code client isn 934227076}. */
    record Isn(Name endpoint, Expr value, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitIsn(this);
        }
    }

    /** {@code client ts 2756153644}: the endpoint's TCP timestamp clock reads this at time zero. */
    record Ts(Name endpoint, Expr value, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitTs(this);
        }
    }

    /** {@code link delay 50ms}: the one-way delay of the simulated link. */
    record LinkDelay(Duration delay, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitLinkDelay(this);
        }
    }

    /** {@code link rtt 100ms}: the round-trip time (each way takes half). */
    record LinkRtt(Duration rtt, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitLinkRtt(this);
        }
    }

    /** {@code loss 5%}: each segment is lost with this probability, drawn from the run's seed. */
    record Loss(double percent, Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitLoss(this);
        }
    }

    /**
     * {@code unmatched segments fail}: every segment no {@code expect} matched (skipped by
     * {@code expect eventually}, or never expected) is a failure, not only listed.
     */
    record UnmatchedFail(Span span) implements Setup {
        @Override
        public <R> R accept(SetupVisitor<R> visitor) {
            return visitor.visitUnmatchedFail(this);
        }
    }

    // ---- socket calls on stack endpoints ------------------------------------------------------

    /**
     * {@code server listen}, {@code server listen backlog 1}, {@code client connect},
     * {@code server accept}, {@code client shutdown read}, {@code client close}, ...
     *
     * @param backlog for {@code listen}: how many established connections may wait to be
     *                accepted (null: no limit); null for every other call
     */
    record Call(Name endpoint, CallKind kind, Expr backlog, Span span) implements Action {
        public Call(Name endpoint, CallKind kind, Span span) {
            this(endpoint, kind, null, span);
        }

        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitCall(this);
        }
    }

    enum CallKind {
        BIND("bind"), LISTEN("listen"), ACCEPT("accept"), CONNECT("connect"), CLOSE("close"),
        /** shutdown(SHUT_WR), also written {@code shutdown write} */
        SHUTDOWN("shutdown"),
        SHUTDOWN_READ("shutdown read"), SHUTDOWN_BOTH("shutdown both"), ABORT("abort");

        private final String word;

        CallKind(String word) {
            this.word = word;
        }

        /** The call as a script writes it. */
        public String word() {
            return word;
        }
    }

    /**
     * {@code client setsockopt TCP_NODELAY on}, {@code server setsockopt SO_RCVBUF 4096},
     * {@code client setsockopt TCP_USER_TIMEOUT 3s}, {@code client setsockopt SO_LINGER 0}: one
     * socket option and its value, exactly one of {@code number}, {@code time} and {@code word}.
     */
    record SetSockOpt(Name endpoint, Name option, Expr number, Duration time, Name word, Span span)
            implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitSetSockOpt(this);
        }
    }

    /** {@code client write 13} (count) or {@code client write "foobar\n"} (data); exactly one is set. */
    record Write(Name endpoint, Expr count, Payload data, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitWrite(this);
        }
    }

    /** {@code server read} (count null: everything available) or {@code server read 10}. */
    record Read(Name endpoint, Expr count, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitRead(this);
        }
    }

    // ---- raw segments from scripted endpoints -------------------------------------------------

    /**
     * {@code client send SYN}, {@code client send [P.] "hello"}, {@code client send RST seq=isn+1}.
     * With {@code from A to B} the segment is forged: it carries A's address as its source
     * ({@code attacker send SYN from client to server seq=1}); either part may be left out.
     */
    record Send(Name endpoint, SegmentSpec segment, Name from, Name to, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitSend(this);
        }
    }

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
            Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitFault(this);
        }
    }

    enum FaultKind {
        DROP, DELAY, DUPLICATE, REORDER, CORRUPT;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code wait 60s}. */
    record Wait(Duration duration, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitWait(this);
        }
    }

    /** {@code wait until client state CLOSED}: runs until it holds (at most 3 virtual minutes). */
    record WaitUntil(Name endpoint, Name state, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitWaitUntil(this);
        }
    }

    /** {@code server stops reading}: the application leaves arriving data unread from now on. */
    record StopsReading(Name endpoint, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitStopsReading(this);
        }
    }

    /** {@code let guess = probe.seq + 64000}: names a value for later expressions. */
    record Let(Name name, Expr value, Span span) implements Action {
        @Override
        public <R> R accept(ActionVisitor<R> visitor) {
            return visitor.visitLet(this);
        }
    }

    // ---- expectations -------------------------------------------------------------------------

    /**
     * {@code expect [next|eventually] [A > B] FLAGS fields... [after D | at +D | within D] [as NAME]};
     * direction null: the next segment either way; timing null: not checked; binding null: not
     * named. {@code eventually}: the first segment that matches, the ones before it left unmatched.
     */
    record ExpectSegment(boolean eventually, Direction direction, SegmentSpec segment, Timing timing, Name binding,
            Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectSegment(this);
        }
    }

    /**
     * When an expected segment must be sent: {@code after 1s} (since the previous matched segment
     * in the same direction was sent, or {@code since NAME}, a segment bound with {@code as}),
     * {@code at +1s} (since the scenario started), {@code within 200ms} (at most that long after).
     * {@code tolerance} ({@code ± 5ms}) is null for exactly.
     */
    record Timing(TimingKind kind, Duration duration, Duration tolerance, Name since, Span span) {}

    enum TimingKind {
        AFTER, AT, WITHIN
    }

    /** {@code expect nothing for 10s} (duration) or {@code expect nothing more} (duration null). */
    record ExpectNothing(Duration duration, Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectNothing(this);
        }
    }

    /** {@code expect client error ETIMEDOUT}. */
    record ExpectError(Name endpoint, Name error, Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectError(this);
        }
    }

    /**
     * {@code expect server read 100} (count), {@code expect server read "hello"} (data),
     * {@code expect server read 0} (end of file), {@code expect server read error ECONNRESET}
     * (error): what the application's next read returns; exactly one of the three is set.
     */
    record ExpectRead(Name endpoint, Expr count, Payload data, Name error, Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectRead(this);
        }
    }

    /** {@code expect server readable 100}: bytes waiting in the socket, unread (FIONREAD). */
    record ExpectReadable(Name endpoint, Expr count, Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectReadable(this);
        }
    }

    /** {@code expect client state ESTABLISHED}. */
    record ExpectState(Name endpoint, Name state, Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectState(this);
        }
    }

    /**
     * {@code expect client.snd_una == client.isn + 14}: a comparison of values, usually TCB
     * variables ({@code client.snd_nxt}, {@code client.rcv_wnd}, {@code client.rto}, ...).
     */
    record ExpectValue(Condition.Compare comparison, Span span) implements Expectation {
        @Override
        public <R> R accept(ExpectationVisitor<R> visitor) {
            return visitor.visitExpectValue(this);
        }
    }

    // ---- blocks -------------------------------------------------------------------------------

    /** {@code repeat 3 { ... }}: the body, that many times. */
    record Repeat(Expr count, List<Statement> body, Span span) implements Compound {
        public Repeat {
            body = List.copyOf(body);
        }

        @Override
        public <R> R accept(CompoundVisitor<R> visitor) {
            return visitor.visitRepeat(this);
        }
    }

    /**
     * {@code repeat [at most N] until COND { ... }}: the body again and again until the condition
     * holds when a round begins (checked before the first); {@code limit} null: the default bound.
     */
    record RepeatUntil(Condition condition, Expr limit, List<Statement> body, Span span) implements Compound {
        public RepeatUntil {
            body = List.copyOf(body);
        }

        @Override
        public <R> R accept(CompoundVisitor<R> visitor) {
            return visitor.visitRepeatUntil(this);
        }
    }

    /**
     * A macro call, {@code handshake(client, server)}, as its expansion: the macro's body with the
     * arguments in place of the parameters, read as statements. {@code source} is that text
     * (named as the macro's file, the lines where the macro stands), so that an error in it shows
     * the macro's line; {@code span} is the call's place in the caller, {@code call} its text.
     */
    record Expansion(Name macro, String call, Source source, List<Statement> body, Span span) implements Compound {
        public Expansion {
            body = List.copyOf(body);
        }

        @Override
        public <R> R accept(CompoundVisitor<R> visitor) {
            return visitor.visitExpansion(this);
        }
    }

    // ---- errors ----------------------------------------------------------------------------------

    /**
     * A statement with a syntax or build error, already reported. It keeps the parts that parsed
     * whole before the error, so that the checker reports their own mistakes too (an unknown name
     * in an expression, unknown flags, an unknown endpoint), and the names it may have been meant
     * to give ({@code let x = ...}, {@code expect ... as probe}, {@code host attacker at ...}), so
     * that the checker never reports them as unknown where they are used.
     */
    record Broken(List<Expr> exprs, List<Flags> flags, List<Name> endpoints, java.util.Set<String> gives, Span span)
            implements Erroneous {
        /** In {@code gives}: the statement may have given any name (a call of a macro that did not parse). */
        public static final String ANY = "*";

        public Broken {
            exprs = List.copyOf(exprs);
            flags = List.copyOf(flags);
            endpoints = List.copyOf(endpoints);
            gives = java.util.Set.copyOf(gives);
        }

        @Override
        public <R> R accept(ErroneousVisitor<R> visitor) {
            return visitor.visitBroken(this);
        }
    }
}
