package tcps.check;

import java.util.ArrayList;
import java.util.List;
import tcps.syntax.Expr;

/**
 * Evaluates field expressions. Arithmetic wraps in 64 bits; callers reduce seq/ack values
 * modulo 2^32, which is exact because reduction commutes with + - *.
 */
public final class Exprs {
    /** What {@code isn} and {@code client.isn} stand for where an expression is evaluated. */
    @FunctionalInterface
    public interface IsnValues {
        long isn(Expr.Isn reference);
    }

    /** For contexts where an ISN is meaningless: any reference is a checker bug. */
    public static final IsnValues NO_ISN = ref -> {
        throw new IllegalStateException("isn in a constant expression at " + ref.span());
    };

    public static long eval(Expr e, IsnValues isns) {
        if (e instanceof Expr.Num n) {
            return n.value();
        }
        if (e instanceof Expr.Isn i) {
            return isns.isn(i);
        }
        if (e instanceof Expr.Negate n) {
            return -eval(n.operand(), isns);
        }
        Expr.Binary b = (Expr.Binary) e;
        long l = eval(b.left(), isns);
        long r = eval(b.right(), isns);
        switch (b.op()) {
            case ADD:
                return l + r;
            case SUB:
                return l - r;
            default:
                return l * r;
        }
    }

    /** Every {@code isn} reference in {@code e}, left to right. */
    public static List<Expr.Isn> isns(Expr e) {
        List<Expr.Isn> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr.Isn> out) {
        if (e instanceof Expr.Isn i) {
            out.add(i);
        } else if (e instanceof Expr.Negate n) {
            collect(n.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        }
    }

    private Exprs() {}
}
