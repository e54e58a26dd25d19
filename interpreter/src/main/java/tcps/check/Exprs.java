package tcps.check;

import java.util.ArrayList;
import java.util.List;
import tcps.syntax.Expr;

/**
 * Evaluates expressions in 64 bits; callers reduce seq/ack values modulo 2^32. A value that does
 * not fit in 64 bits is an error ({@link Overflow}), never a silent wrap that could turn a huge
 * window or count into a small one.
 */
public final class Exprs {
    /** An expression whose value does not fit in 64 bits; {@code span} is the operation that overflowed. */
    public static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final transient tcps.syntax.Span span;

        Overflow(tcps.syntax.Span span) {
            super("this value does not fit in 64 bits", null, false, false);
            this.span = span;
        }
    }

    /** What the names in an expression stand for where it is evaluated. */
    public interface Values {
        /** The absolute value of {@code isn} or {@code client.isn} here. */
        long isn(Expr.Isn reference);

        /** The value of {@code guess} or {@code probe.seq}. */
        long ref(Expr.Ref reference);

        /** The value of a TCB variable, {@code client.snd_una}: absolute for sequence numbers. */
        long tcb(Expr.Tcb reference);
    }

    /** For expressions the checker proved constant: any name is a bug. */
    public static final Values CONSTANT = new Values() {
        @Override
        public long isn(Expr.Isn reference) {
            throw new IllegalStateException("isn in a constant expression at " + reference.span());
        }

        @Override
        public long ref(Expr.Ref reference) {
            throw new IllegalStateException("a name in a constant expression at " + reference.span());
        }

        @Override
        public long tcb(Expr.Tcb reference) {
            throw new IllegalStateException("a TCB variable in a constant expression at " + reference.span());
        }
    };

    public static long eval(Expr e, Values values) {
        Expr.Visitor<Long> evaluate = new Expr.Visitor<Long>() {
            @Override
            public Long visitNum(Expr.Num n) {
                return n.value();
            }

            @Override
            public Long visitIsn(Expr.Isn i) {
                return values.isn(i);
            }

            @Override
            public Long visitRef(Expr.Ref r) {
                return values.ref(r);
            }

            @Override
            public Long visitTcb(Expr.Tcb t) {
                return values.tcb(t);
            }

            @Override
            public Long visitError(Expr.Error e) {
                throw new IllegalStateException("a broken expression never runs: the checker refused its file, at " + e.span());
            }

            @Override
            public Long visitNegate(Expr.Negate n) {
                long v = n.operand().accept(this);
                try {
                    return Math.negateExact(v);
                } catch (ArithmeticException overflow) {
                    throw new Overflow(n.span());
                }
            }

            @Override
            public Long visitBinary(Expr.Binary b) {
                long l = b.left().accept(this);
                long r = b.right().accept(this);
                try {
                    return switch (b.op()) {
                        case ADD -> Math.addExact(l, r);
                        case SUB -> Math.subtractExact(l, r);
                        case MUL -> Math.multiplyExact(l, r);
                    };
                } catch (ArithmeticException overflow) {
                    throw new Overflow(b.span());
                }
            }
        };
        return e.accept(evaluate);
    }

    /** A constant expression's value. */
    public static long constant(Expr e) {
        return eval(e, CONSTANT);
    }

    /**
     * Every name in {@code e} ({@code isn}, {@code client.isn}, {@code guess}, {@code probe.seq},
     * {@code client.snd_una}), left to right.
     */
    public static List<Expr> names(Expr e) {
        List<Expr> out = new ArrayList<>();
        e.accept(new Expr.Visitor<Void>() {
            @Override
            public Void visitNum(Expr.Num n) {
                return null;
            }

            @Override
            public Void visitIsn(Expr.Isn i) {
                out.add(i);
                return null;
            }

            @Override
            public Void visitRef(Expr.Ref r) {
                out.add(r);
                return null;
            }

            @Override
            public Void visitTcb(Expr.Tcb t) {
                out.add(t);
                return null;
            }

            @Override
            public Void visitError(Expr.Error e) {
                return null;
            }

            @Override
            public Void visitNegate(Expr.Negate n) {
                return n.operand().accept(this);
            }

            @Override
            public Void visitBinary(Expr.Binary b) {
                b.left().accept(this);
                return b.right().accept(this);
            }
        });
        return out;
    }

    /** True when {@code e} holds an expression that could not be built (already reported). */
    public static boolean broken(Expr e) {
        return e.accept(new Expr.Visitor<Boolean>() {
            @Override
            public Boolean visitNum(Expr.Num n) {
                return false;
            }

            @Override
            public Boolean visitIsn(Expr.Isn i) {
                return false;
            }

            @Override
            public Boolean visitRef(Expr.Ref r) {
                return false;
            }

            @Override
            public Boolean visitTcb(Expr.Tcb t) {
                return false;
            }

            @Override
            public Boolean visitNegate(Expr.Negate n) {
                return n.operand().accept(this);
            }

            @Override
            public Boolean visitBinary(Expr.Binary b) {
                return b.left().accept(this) || b.right().accept(this);
            }

            @Override
            public Boolean visitError(Expr.Error e) {
                return true;
            }
        });
    }

    private Exprs() {}
}
