package tcps.grade;

import tcps.run.Limits;

/**
 * What one untrusted submission may use: the limits of any run ({@link Limits}: source size,
 * statements, expression depth, virtual time, events, bytes written, output, memory), tighter by default
 * than {@code tcps run}'s, and the real time one submission may take. Reaching one scores that
 * submission zero with a plain message; it is never an internal error, never a hang, and never
 * another student's problem.
 */
public record GradeLimits(Limits run, long wallMillis) {
    /** On by default for {@code tcps grade}; each is settable with {@code --max-...}. */
    public static final GradeLimits DEFAULT = new GradeLimits(Limits.DEFAULT
            .withSourceBytes(64 << 10)
            .withStatements(2_000)
            .withVirtualTime(3_600_000_000L)
            .withEvents(100_000)
            .withBytesWritten(16 << 20)
            .withOutputBytes(256 << 10)
            .withMemoryBytes(64 << 20), 10_000);

    public GradeLimits {
        if (wallMillis < 1) {
            throw new IllegalArgumentException("wallMillis must be at least 1: " + wallMillis);
        }
    }
}
