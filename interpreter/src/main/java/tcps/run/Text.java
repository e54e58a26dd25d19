package tcps.run;


/** How failure reports and timer reasons spell payloads, durations and instants. */
public final class Text {
    private static final int MAX_QUOTED = 40;

    private Text() {}

    /** A payload as a string literal a script could contain, cut after 40 bytes. */
    static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < bytes.length && i < MAX_QUOTED; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
        }
        sb.append('"');
        if (bytes.length > MAX_QUOTED) {
            sb.append("... (").append(bytes.length).append(" bytes)");
        }
        return sb.toString();
    }

    /** A span of virtual time: 1s, 200ms, 1.000990s. */
    static String duration(long micros) {
        if (micros % 1000 == 0) {
            return tcps.syntax.Duration.format(micros);
        }
        return java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + "s";
    }

    /**
     * A span of virtual time for reading, in the largest unit it reaches, at most three decimals:
     * 200 ms, 1 s, 0.86 s is 860 ms, 20 µs, 1.5 s.
     */
    public static String spoken(long micros) {
        if (micros >= 1_000_000) {
            return decimals(micros, 6) + " s";
        }
        if (micros >= 1_000) {
            return decimals(micros, 3) + " ms";
        }
        return micros + " µs";
    }

    private static String decimals(long micros, int scale) {
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(micros, scale)
                .setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** A virtual instant as the transcript's clock shows it: 00:00:01.000010. */
    static String clock(long micros) {
        long s = micros / 1_000_000;
        return String.format("%02d:%02d:%02d.%06d", s / 3600 % 24, s / 60 % 60, s % 60, micros % 1_000_000);
    }
}
