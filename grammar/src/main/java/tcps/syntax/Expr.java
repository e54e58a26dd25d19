package tcps.syntax;

/**
 * An integer expression in a field: literals, {@code isn}, {@code client.isn}, {@code + - *},
 * unary minus and parentheses. Seq/ack values are taken modulo 2^32 by the interpreter.
 */
public sealed interface Expr {
    Span span();

    <R> R accept(Visitor<R> visitor);

    /** A pass over expressions: one method per kind, checked by the compiler. */
    interface Visitor<R> {
        R visitNum(Num e);

        R visitIsn(Isn e);

        R visitRef(Ref e);

        R visitNegate(Negate e);

        R visitBinary(Binary e);

        R visitTcb(Tcb e);

        R visitError(Error e);
    }

    /**
     * An expression that parsed but could not be built (a number wider than 64 bits), already
     * reported: a placeholder so that the rest of its statement is still checked. Its value is
     * unknown; nothing is ever reported about it again, and a statement holding one never runs.
     */
    record Error(Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitError(this);
        }
    }

    /** A decimal literal; may exceed 32 bits in the tree, the checker bounds it. */
    record Num(long value, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNum(this);
        }
    }

    /** {@code isn} (endpoint null: the ISN of the field's own sequence space) or {@code client.isn}. */
    record Isn(Name endpoint, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIsn(this);
        }
    }

    /**
     * A named value: {@code guess} (a {@code let}; field null) or a field of a segment bound with
     * {@code as}: {@code probe.seq}, {@code probe.ack}, {@code probe.win}, {@code probe.len}.
     */
    record Ref(Name name, Name field, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRef(this);
        }
    }

    /**
     * A variable of an endpoint's TCB, named as RFC 9293 names it: {@code client.snd_una},
     * {@code snd_nxt}, {@code snd_wnd}, {@code rcv_nxt}, {@code rcv_wnd}, {@code iss}, {@code irs},
     * and {@code rto}, {@code srtt} (RFC 6298, in microseconds), {@code retransmissions},
     * {@code cwnd} and {@code ssthresh} (RFC 5681, in bytes).
     */
    record Tcb(Name endpoint, Name variable, Span span) implements Expr {
        /** The variables a TCB shows, as the language spells them. */
        public static final java.util.List<String> VARIABLES = java.util.List.of("snd_una", "snd_nxt", "snd_wnd",
                "rcv_nxt", "rcv_wnd", "iss", "irs", "rto", "srtt", "retransmissions", "cwnd", "ssthresh");

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTcb(this);
        }
    }

    record Negate(Expr operand, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNegate(this);
        }
    }

    record Binary(Expr left, Op op, Expr right, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBinary(this);
        }
    }

    enum Op {
        ADD("+"), SUB("-"), MUL("*");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** True when the expression is a bare literal (a failure report then need not show its value). */
    default boolean isLiteral() {
        return this instanceof Num;
    }
}
