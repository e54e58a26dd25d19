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
        if (e instanceof Expr.Num n) {
            return n.value();
        }
        if (e instanceof Expr.Isn i) {
            return values.isn(i);
        }
        if (e instanceof Expr.Ref r) {
            return values.ref(r);
        }
        if (e instanceof Expr.Negate n) {
            return -eval(n.operand(), values);
        }
        Expr.Binary b = (Expr.Binary) e;
        long l = eval(b.left(), values);
        long r = eval(b.right(), values);
        switch (b.op()) {
            case ADD:
                return l + r;
            case SUB:
                return l - r;
            default:
                return l * r;
        }
    }

    /** A constant expression's value. */
    public static long constant(Expr e) {
        return eval(e, CONSTANT);
    }

    /** Every name in {@code e} ({@code isn}, {@code client.isn}, {@code guess}, {@code probe.seq}), left to right. */
    public static List<Expr> names(Expr e) {
        List<Expr> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        if (e instanceof Expr.Isn || e instanceof Expr.Ref) {
            out.add(e);
        } else if (e instanceof Expr.Negate n) {
            collect(n.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        }
    }

    private Exprs() {}
}
