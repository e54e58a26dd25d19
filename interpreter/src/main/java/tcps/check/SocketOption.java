package tcps.check;

import java.util.Arrays;
import java.util.Locale;
import tcps.syntax.Duration;
import tcps.tcp.SocketOptions;

/**
 * The socket options {@code setsockopt} knows, named as setsockopt(2) names them, and how each
 * is written: a number of bytes, a time, or on/off. The checker asks {@link #problemWith}; the
 * run applies a checked value with {@link #apply}.
 */
public enum SocketOption {
    /** The receive buffer: the window the SYN offers and its scale. Before listen or connect. */
    SO_RCVBUF(true),
    /** The send buffer: how much may be written and not yet acknowledged. */
    SO_SNDBUF(false),
    /** The largest segment: the MSS the SYN offers and the segment size. Before listen or connect. */
    TCP_MAXSEG(true),
    /** Nagle's algorithm off. */
    TCP_NODELAY(false),
    /** What close does with data not yet sent: 0 sends RST at once. */
    SO_LINGER(false),
    /** How long sent data may go unacknowledged before the connection gives up (RFC 5482). */
    TCP_USER_TIMEOUT(false);

    private static final long MAX_BUFFER = 1L << 30;
    /** Linux TCP_MIN_MSS and MAX_TCP_WINDOW: the range TCP_MAXSEG accepts. */
    private static final long MIN_MAXSEG = 88;
    private static final long MAX_MAXSEG = 32767;
    private static final long S = 1_000_000;
    private static final long MS = 1_000;

    private final boolean beforeOpen;

    SocketOption(boolean beforeOpen) {
        this.beforeOpen = beforeOpen;
    }

    /** Whether it shapes the SYN, and so must be set before listen or connect. */
    public boolean beforeOpen() {
        return beforeOpen;
    }

    public static SocketOption named(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }

    /**
     * What is wrong with the value written, or null. Exactly one of {@code number}, {@code time}
     * and {@code word} is given.
     */
    public String problemWith(Long number, Duration time, String word) {
        String n = "`" + name() + "` ";
        switch (this) {
            case SO_RCVBUF, SO_SNDBUF, TCP_MAXSEG -> {
                long min = this == TCP_MAXSEG ? MIN_MAXSEG : 1;
                long max = this == TCP_MAXSEG ? MAX_MAXSEG : MAX_BUFFER;
                if (number == null) {
                    return n + "takes a number of bytes, such as `" + name() + " " + (this == TCP_MAXSEG ? 1000 : 4096) + "`";
                }
                return number < min || number > max ? n + "must be between " + min + " and " + max + " bytes, not " + number : null;
            }
            case TCP_NODELAY -> {
                boolean ok = word != null && onOff(word) != null || number != null && (number == 0 || number == 1);
                return ok ? null : n + "takes `on` or `off`";
            }
            default -> {
                if (word != null) {
                    return word.toLowerCase(Locale.ROOT).equals("off") ? null
                            : n + "takes a time (`0`, `3s`) or `off`";
                }
                if (time != null && time.micros() < 0) {
                    return n + "cannot be negative";
                }
                return null;
            }
        }
    }

    /** The options with this one set to a value {@link #problemWith} accepted. */
    public SocketOptions apply(SocketOptions o, Long number, Duration time, String word) {
        return switch (this) {
            case SO_RCVBUF -> o.withRcvBuf(number.intValue());
            case SO_SNDBUF -> o.withSndBuf(number.intValue());
            case TCP_MAXSEG -> o.withMaxSeg(number.intValue());
            case TCP_NODELAY -> o.withNoDelay(word != null ? onOff(word) : number == 1);
            // l_linger counts seconds; `off` is l_onoff 0.
            case SO_LINGER -> o.withLinger(word != null ? SocketOptions.LINGER_OFF
                    : time != null ? time.micros() : number * S);
            // The option's value counts milliseconds; 0 (or `off`) turns it off.
            case TCP_USER_TIMEOUT -> o.withUserTimeout(word != null ? 0 : time != null ? time.micros() : number * MS);
        };
    }

    private static Boolean onOff(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> null;
        };
    }
}
