package tcps.report;

/** How tcpdump starts each line (tcpdump(1), {@code -t} options). */
public enum TimestampMode {
    /** No option: {@code HH:MM:SS.ffffff} time of day. tcps prints it in UTC, as {@code TZ=UTC tcpdump}. */
    DEFAULT,
    /** {@code -t}: no timestamp; the line starts with {@code IP}. */
    NONE,
    /** {@code -tt}: seconds since the epoch, a dot and six digits of microseconds. */
    EPOCH
}
