package tcps.run;

import tcps.syntax.Duration;

/**
 * How far one script may go: every run is bounded, so that nothing a script says (a huge wait,
 * an ACK storm, a write of gigabytes, an expression of 50,000 terms) can hang tcps, exhaust its
 * memory or slow down the scripts run beside it. Reaching a limit is a failure (or, for the
 * static ones, an error) with a plain message at the statement that reached it.
 *
 * <p>The defaults ({@link #DEFAULT}) are far above what any real scenario needs; {@code tcps run
 * --max-...} raises or lowers each one, and a grader can pass tighter ones for untrusted scripts.
 *
 * @param sourceBytes     the most bytes a script file may hold (read no further)
 * @param statements      the most statements one file may hold, and one scenario may run (each round
 *                        of a repeat, each statement of a macro counted)
 * @param expressionDepth how deeply expressions and blocks may nest (a static error past it)
 * @param virtualTime     the virtual time (µs) a scenario may run to
 * @param events          the most events (arrivals and timers) one scenario may simulate
 * @param bytesWritten    the most bytes the applications of one scenario may write
 * @param outputBytes     the most bytes of report a run may print
 * @param memoryBytes     the most bytes one scenario may keep as it runs: the segments it captured and
 *                        those in flight, what the stacks buffer (queues, reassembly, retransmission),
 *                        the events and failures it recorded, what the applications read, its bindings
 *                        (an estimate from what each thing holds, docs/limits.md)
 */
public record Limits(long sourceBytes, int statements, int expressionDepth, long virtualTime, long events,
        long bytesWritten, long outputBytes, long memoryBytes) {

    /** The longest virtual time the transcript's clock shows (2^31 s): no limit may go past it. */
    public static final long HIGHEST_VIRTUAL_TIME = (1L << 31) / 3600 * 3_600_000_000L;

    public static final Limits DEFAULT = new Limits(
            16L << 20, 100_000, tcps.grammar.ScriptParser.DEFAULT_MAX_DEPTH, 24 * 3_600_000_000L, 100_000,
            64L << 20, 256L << 20, 1L << 30);

    public Limits {
        positive(sourceBytes, "sourceBytes");
        positive(statements, "statements");
        positive(events, "events");
        positive(bytesWritten, "bytesWritten");
        positive(outputBytes, "outputBytes");
        positive(memoryBytes, "memoryBytes");
        if (expressionDepth < 1 || expressionDepth > tcps.grammar.ScriptParser.HIGHEST_MAX_DEPTH) {
            throw new IllegalArgumentException("expressionDepth must be 1.." + tcps.grammar.ScriptParser.HIGHEST_MAX_DEPTH
                    + ": " + expressionDepth);
        }
        if (virtualTime < 1 || virtualTime > HIGHEST_VIRTUAL_TIME) {
            throw new IllegalArgumentException("virtualTime must be 1.." + HIGHEST_VIRTUAL_TIME + " us: " + virtualTime);
        }
    }

    private static void positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    public Limits withSourceBytes(long v) {
        return new Limits(v, statements, expressionDepth, virtualTime, events, bytesWritten, outputBytes, memoryBytes);
    }

    public Limits withStatements(int v) {
        return new Limits(sourceBytes, v, expressionDepth, virtualTime, events, bytesWritten, outputBytes, memoryBytes);
    }

    public Limits withExpressionDepth(int v) {
        return new Limits(sourceBytes, statements, v, virtualTime, events, bytesWritten, outputBytes, memoryBytes);
    }

    public Limits withVirtualTime(long v) {
        return new Limits(sourceBytes, statements, expressionDepth, v, events, bytesWritten, outputBytes, memoryBytes);
    }

    public Limits withEvents(long v) {
        return new Limits(sourceBytes, statements, expressionDepth, virtualTime, v, bytesWritten, outputBytes,
                memoryBytes);
    }

    public Limits withBytesWritten(long v) {
        return new Limits(sourceBytes, statements, expressionDepth, virtualTime, events, v, outputBytes, memoryBytes);
    }

    public Limits withOutputBytes(long v) {
        return new Limits(sourceBytes, statements, expressionDepth, virtualTime, events, bytesWritten, v, memoryBytes);
    }

    public Limits withMemoryBytes(long v) {
        return new Limits(sourceBytes, statements, expressionDepth, virtualTime, events, bytesWritten, outputBytes, v);
    }

    /** "the scenario ran past 24h of virtual time": the failure when {@link #virtualTime} is reached. */
    public String virtualTimeReached() {
        return "the scenario ran past " + time(virtualTime) + " of virtual time, the limit of a run "
                + "(--max-virtual-time)";
    }

    public String statementsReached() {
        return "the scenario ran " + statements + " statements (each round of a repeat counted), the limit of a run "
                + "(--max-statements)";
    }

    public String eventsReached() {
        return "the scenario simulated " + events + " events (segments arriving, timers firing), the limit of a run "
                + "(--max-events); something keeps sending";
    }

    public String bytesWrittenReached() {
        return "the scenario's applications wrote more than " + bytes(bytesWritten) + ", the limit of a run "
                + "(--max-bytes-written)";
    }

    public String memoryReached() {
        return "the scenario kept more than " + bytes(memoryBytes) + " (segments captured and in flight, data the "
                + "stacks buffer, events recorded), the limit of a run (--max-memory)";
    }

    /** 24h, 90s: whole hours as hours, else as the language writes durations. */
    public static String time(long micros) {
        return micros % 3_600_000_000L == 0 ? micros / 3_600_000_000L + "h" : Duration.format(micros);
    }

    /** 1 GiB, 16 MiB, 1000 bytes: sizes as people say them. */
    public static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + (n == 1 ? " byte" : " bytes");
    }
}
