package tcps.syntax;

/** A duration literal such as {@code 60s}, {@code 200ms}, {@code 1.5s}, {@code 10us}, {@code 2m}. */
public record Duration(Span span, long micros) {
    @Override
    public String toString() {
        return format(micros);
    }

    /** The shortest exact spelling: 60s, 1.5s, 200ms, 10us, 2m. */
    public static String format(long micros) {
        if (micros != 0 && micros % 60_000_000L == 0) {
            return micros / 60_000_000L + "m";
        }
        if (micros % 1000 != 0) {
            return micros + "us";
        }
        long ms = micros / 1000;
        if (ms % 1000 != 0 && ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
