package tcps.syntax;

/**
 * How a value is compared: {@code win>0}, {@code len>=1}, {@code client.snd_wnd == 0}. On
 * sequence numbers the order is RFC 9293's (section 3.4): modulo 2^32, {@code a < b} when b lies
 * less than 2^31 ahead of a.
 */
public enum Comparison {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    public final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The comparison a token spells ({@code =} and {@code ==} are the same). */
    public static Comparison of(String text) {
        return switch (text) {
            case "=", "==" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            default -> throw new IllegalArgumentException("not a comparison: " + text);
        };
    }

    /** Whether {@code a OP b} holds, given the sign of a compared with b. */
    public boolean holds(int sign) {
        return switch (this) {
            case EQ -> sign == 0;
            case NE -> sign != 0;
            case LT -> sign < 0;
            case LE -> sign <= 0;
            case GT -> sign > 0;
            case GE -> sign >= 0;
        };
    }
}
