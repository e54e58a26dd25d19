package tcps.grammar;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;

/**
 * Reads literal tokens into values: numbers, ports, addresses, durations and strings. The lexer
 * takes their shape loosely on purpose (`5sec`, `300.1.2.3`, `"\q"`), so that the error here can
 * name exactly what is wrong.
 */
final class Literals {
    private Literals() {}

    static final long MAX_32_BITS = 0xFFFF_FFFFL;

    /** A decimal literal: seq, ack and window values are at most 32 bits wide. */
    static long number(Token token) {
        String text = token.getText();
        if (text.length() <= 9) {
            return Long.parseLong(text); // nine digits are always within 32 bits
        }
        if (new BigInteger(text).compareTo(BigInteger.valueOf(MAX_32_BITS)) > 0) {
            throw new SyntaxError(Spans.of(token), "`" + text + "` is larger than 32 bits");
        }
        return Long.parseLong(text);
    }

    static int port(Token token) {
        String text = token.getText();
        if (text.length() <= 4) {
            return Integer.parseInt(text); // four digits are always a port
        }
        if (new BigInteger(text).compareTo(BigInteger.valueOf(65535)) > 0) {
            throw new SyntaxError(Spans.of(token), "port " + text + " is out of range 0 to 65535");
        }
        return Integer.parseInt(text);
    }

    /** A dotted quad; the lexer takes any dotted digits, so that `1.2.3` is told what is wrong. */
    static String ipv4(Token token) {
        String text = token.getText();
        String[] octets = text.split("\\.");
        boolean ok = octets.length == 4;
        for (String octet : octets) {
            ok &= new BigInteger(octet).compareTo(BigInteger.valueOf(255)) <= 0;
        }
        if (!ok) {
            throw new SyntaxError(Spans.of(token), "`" + text + "` is not an IPv4 address");
        }
        return text;
    }

    // ---- durations ------------------------------------------------------------------------------

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([A-Za-z_][A-Za-z0-9_]*)");
    private static final Map<String, Long> MICROS_PER_UNIT = Map.of(
            "us", 1L, "ms", 1_000L, "s", 1_000_000L, "m", 60_000_000L, "h", 3_600_000_000L);

    /**
     * The longest duration a script may write: 2^31 seconds, rounded down to the hour (about 68
     * years). Any sum of a few of these, added to a clock that stops at the same bound, stays
     * far inside 64 bits: time arithmetic cannot overflow.
     */
    static final long MAX_MICROS = (1L << 31) / 3600 * 3_600_000_000L;

    /** 10us, 200ms, 1.5s, 2m, 1h in microseconds, exactly: the virtual clock ticks in microseconds. */
    static long micros(Token token) {
        String text = token.getText();
        long whole = wholeMicros(text);
        if (whole >= 0) {
            return whole;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("the lexer let through a duration it should not have: " + text);
        }
        Long perUnit = MICROS_PER_UNIT.get(m.group(2));
        if (perUnit == null) {
            throw new SyntaxError(Spans.of(token), "unknown unit `" + m.group(2) + "` in `" + text
                    + "`; units are us, ms, s, m (minutes) and h");
        }
        BigDecimal micros = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit));
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new SyntaxError(Spans.of(token), "`" + text + "` is finer than 1us, the smallest step of the clock");
        }
        if (micros.compareTo(BigDecimal.valueOf(MAX_MICROS)) > 0) {
            throw new SyntaxError(Spans.of(token), "`" + text + "` is too long a duration: at most "
                    + MAX_MICROS / 3_600_000_000L + "h (2^31 s, as far as tcpdump's clock goes)");
        }
        return micros.longValueExact();
    }

    /**
     * The common case of {@link #micros} without a pattern or decimals: at most nine digits, no
     * fraction, a known unit, within the limit; -1 for anything else, which the general way reads.
     */
    private static long wholeMicros(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9 || digits == text.length()) {
            return -1;
        }
        Long perUnit = MICROS_PER_UNIT.get(text.substring(digits));
        if (perUnit == null) {
            return -1;
        }
        long micros = Long.parseLong(text, 0, digits, 10) * perUnit; // below 10^9 * 3.6 * 10^9: no overflow
        return micros <= MAX_MICROS ? micros : -1;
    }

    // ---- strings --------------------------------------------------------------------------------

    /**
     * The bytes a string literal stands for: its text in UTF-8, with escapes \n \r \t \\ \" \0 and
     * \xHH (one raw byte, so that any payload can be written).
     */
    static byte[] bytes(Token token) {
        String text = token.getText();
        byte[] ascii = plainAscii(text);
        if (ascii != null) {
            return ascii;
        }
        int[] chars = text.codePoints().toArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // chars[0] and the last are the quotes; positions below count from the opening quote
        for (int i = 1; i < chars.length - 1; i++) {
            int c = chars[i];
            if (c != '\\') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int escape = chars[i + 1];
            switch (escape) {
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case '\\' -> bytes.write('\\');
                case '"' -> bytes.write('"');
                case '0' -> bytes.write(0);
                case 'x' -> {
                    if (i + 3 >= chars.length - 1 || !isHex(chars[i + 2]) || !isHex(chars[i + 3])) {
                        throw new SyntaxError(Spans.inside(token, i, 2),
                                "`\\x` in a string needs two hex digits, as in \\x0a");
                    }
                    bytes.write(Integer.parseInt(new String(chars, i + 2, 2), 16));
                    i += 2;
                }
                default -> throw new SyntaxError(Spans.inside(token, i, 2),
                        "unknown escape `\\" + new String(Character.toChars(escape)) + "` in string");
            }
            i++;
        }
        return bytes.toByteArray();
    }

    /** The bytes of a quoted string of ASCII without escapes (the common case), or null. */
    private static byte[] plainAscii(String quoted) {
        if (quoted.length() < 2) {
            return null;
        }
        byte[] out = new byte[quoted.length() - 2];
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c >= 0x80 || c == '\\') {
                return null;
            }
            out[i - 1] = (byte) c;
        }
        return out;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The string's bytes read back as text (for scenario names). */
    static String text(Token token) {
        return new String(bytes(token), StandardCharsets.UTF_8);
    }

    private static final Pattern PERCENT = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /** {@code 5}, {@code 0.5} in {@code loss 5%}: a percentage from 0 to 100. */
    static double percent(Token token) {
        String text = token.getText();
        if (!PERCENT.matcher(text).matches()) {
            throw new SyntaxError(Spans.of(token), "`" + text + "%` is not a percentage; write it as in `loss 5%` "
                    + "or `loss 0.5%`");
        }
        double percent = Double.parseDouble(text);
        if (percent > 100) {
            throw new SyntaxError(Spans.of(token), "loss is a percentage between 0% and 100%, not " + text + "%");
        }
        return percent;
    }

    private static final Pattern ORDINAL = Pattern.compile("([0-9]+)(st|nd|rd|th)");

    /** {@code 2nd}: which matching segment a fault takes, counting from 1. */
    static long ordinal(Token token) {
        Matcher m = ORDINAL.matcher(token.getText());
        if (m.matches() && m.group(1).length() > 7) {
            // the checker words the range of shorter ones the same way
            throw new SyntaxError(Spans.of(token), "which segment must be between 1 and 1000000, not " + m.group(1));
        }
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new SyntaxError(Spans.of(token), "`" + token.getText()
                    + "` is not an ordinal; write `drop next` or `drop 1st`, `2nd`, `3rd`, `4th`, ...");
        }
        return Long.parseLong(m.group(1));
    }
}
