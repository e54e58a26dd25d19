package tcps.check;

import java.util.Map;
import tcps.syntax.Expr;
import tcps.syntax.Span;

/**
 * The two kinds of value an expression can have. A sequence number is a point in a 32-bit
 * sequence space ({@code isn}, {@code probe.seq}); a number is a distance or a count ({@code 1},
 * {@code probe.win}). Points and distances combine as they do on a line: point ± distance is a
 * point, point − point is a distance, and point + point or 2 × point means nothing.
 *
 * <p>This is what makes relative numbering exact: in a seq or ack field, a point is taken as it
 * is, and a distance counts from the field's ISN. So {@code ack=1} and {@code ack=isn+1} are the
 * same value, and {@code seq=probe.seq+64000} is 64000 past the bound segment in any mode.
 */
public enum ValueType {
    SEQUENCE_NUMBER, NUMBER;

    /** A type error, worded for the user, at the expression that has it. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final transient Span span;

        Mismatch(Span span, String message) {
            super(message, null, false, false);
            this.span = span;
        }
    }

    /** The fields of a segment bound with {@code as}, and the kind of value each holds. */
    public static final Map<String, ValueType> SEGMENT_FIELDS = Map.of(
            "seq", SEQUENCE_NUMBER, "ack", SEQUENCE_NUMBER, "win", NUMBER, "len", NUMBER, "time", NUMBER);

    /**
     * The TCB variables a script can read (RFC 9293 3.3.1 names; rto and srtt from RFC 6298, in
     * microseconds; cwnd and ssthresh from RFC 5681, in bytes), and the kind of value each holds.
     */
    public static final Map<String, ValueType> TCB_VARIABLES = Map.ofEntries(
            Map.entry("snd_una", SEQUENCE_NUMBER), Map.entry("snd_nxt", SEQUENCE_NUMBER), Map.entry("snd_wnd", NUMBER),
            Map.entry("rcv_nxt", SEQUENCE_NUMBER), Map.entry("rcv_wnd", NUMBER), Map.entry("iss", SEQUENCE_NUMBER),
            Map.entry("irs", SEQUENCE_NUMBER), Map.entry("rto", NUMBER), Map.entry("srtt", NUMBER),
            Map.entry("retransmissions", NUMBER), Map.entry("cwnd", NUMBER), Map.entry("ssthresh", NUMBER));

    /** What {@code ref} names: a {@code let} value's type, or null for a segment bound with {@code as}. */
    @FunctionalInterface
    public interface Names {
        ValueType typeOf(String name);
    }

    public static ValueType of(Expr e, Names names) {
        return e.accept(new Expr.Visitor<ValueType>() {
            @Override
            public ValueType visitNum(Expr.Num n) {
                return NUMBER;
            }

            @Override
            public ValueType visitIsn(Expr.Isn i) {
                return SEQUENCE_NUMBER;
            }

            @Override
            public ValueType visitRef(Expr.Ref r) {
                return r.field() == null ? names.typeOf(r.name().text()) : SEGMENT_FIELDS.get(r.field().text());
            }

            @Override
            public ValueType visitTcb(Expr.Tcb t) {
                return TCB_VARIABLES.get(t.variable().text());
            }

            @Override
            public ValueType visitError(Expr.Error e) {
                throw new IllegalStateException("the type of a broken expression at " + e.span()
                        + ": the checker asks only of whole ones");
            }

            @Override
            public ValueType visitNegate(Expr.Negate n) {
                if (n.operand().accept(this) == SEQUENCE_NUMBER) {
                    throw new Mismatch(n.span(), "a sequence number cannot be negated; subtract it from another "
                            + "to get a distance");
                }
                return NUMBER;
            }

            @Override
            public ValueType visitBinary(Expr.Binary b) {
                ValueType l = b.left().accept(this);
                ValueType r = b.right().accept(this);
                switch (b.op()) {
                    case ADD:
                        if (l == SEQUENCE_NUMBER && r == SEQUENCE_NUMBER) {
                            throw new Mismatch(b.span(), "adding two sequence numbers means nothing; add a number "
                                    + "of bytes to one, or subtract one from the other");
                        }
                        return l == SEQUENCE_NUMBER || r == SEQUENCE_NUMBER ? SEQUENCE_NUMBER : NUMBER;
                    case SUB:
                        if (l == NUMBER && r == SEQUENCE_NUMBER) {
                            throw new Mismatch(b.span(), "a number minus a sequence number means nothing; write the "
                                    + "sequence number first");
                        }
                        return l == r ? NUMBER : SEQUENCE_NUMBER;
                    default:
                        if (l == SEQUENCE_NUMBER || r == SEQUENCE_NUMBER) {
                            throw new Mismatch(b.span(), "a sequence number cannot be multiplied; only numbers of "
                                    + "bytes can");
                        }
                        return NUMBER;
                }
            }
        });
    }
}
