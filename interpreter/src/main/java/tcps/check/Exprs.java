package tcps.check;

import java.util.ArrayList;
import java.util.List;
import tcps.syntax.Expr;

/**
 * Evaluates expressions. Arithmetic wraps in 64 bits; callers reduce seq/ack values modulo
 * 2^32, which is exact because reduction commutes with + - *.
 */
public final class Exprs {
    /** What the names in an expression stand for where it is evaluated. */
    public interface Values {
        /** The absolute value of {@code isn} or {@code client.isn} here. */
        long isn(Expr.Isn reference);

        /** The value of {@code guess} or {@code probe.seq}. */
        long ref(Expr.Ref reference);
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
    };

    public static long eval(Expr e, Values values) {
        return e.accept(new Expr.Visitor<Long>() {
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
            public Long visitNegate(Expr.Negate n) {
                return -n.operand().accept(this);
            }

            @Override
            public Long visitBinary(Expr.Binary b) {
                long l = b.left().accept(this);
                long r = b.right().accept(this);
                return switch (b.op()) {
                    case ADD -> l + r;
                    case SUB -> l - r;
                    case MUL -> l * r;
                };
            }
        });
    }

    /** A constant expression's value. */
    public static long constant(Expr e) {
        return eval(e, CONSTANT);
    }

    /** Every name in {@code e} ({@code isn}, {@code client.isn}, {@code guess}, {@code probe.seq}), left to right. */
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

    private Exprs() {}
}
